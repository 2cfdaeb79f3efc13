package dev.quarry.ui.search;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportStore;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchResult;
import dev.quarry.retrieval.SearchService.Mode;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.common.PassageLocator;
import dev.quarry.ui.viewer.DocumentOpener;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The search pane's state: query, mode, filters, hits. Searching and locating a hit's page run on the
 * task runner; a newer search makes an older one's late result drop.
 */
public final class SearchViewModel {
    static final int K = 50;

    /** The search itself: {@code Retrieval::find} in the app, a stub in tests. */
    @FunctionalInterface
    public interface Searcher {
        SearchResult search(String query, Mode mode, int k, SearchFilter filter);
    }

    /** Brings the embeddings and indexes up to date with the imported chunks ({@code Retrieval::makeSearchable}). */
    @FunctionalInterface
    public interface Indexer {
        void catchUp(CancelToken cancel);
    }

    /** One piece of a snippet: highlighted runs were between {@code <b>} and {@code </b>}. */
    public record Run(String text, boolean bold) {}

    private final TaskRunner tasks;
    private final Searcher searcher;
    private final PassageLocator locator;
    private final Supplier<List<ImportStore.Production>> productionSource;
    private final DocumentOpener opener;
    private Indexer indexer = c -> {};
    private final CancelToken indexCancel = new CancelToken();
    private boolean indexAgain;
    private final BooleanProperty indexing = new SimpleBooleanProperty();

    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.HYBRID);
    private final StringProperty custodian = new SimpleStringProperty("");
    private final ObjectProperty<ImportStore.Production> production = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> dateFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<String> mediaType = new SimpleObjectProperty<>();
    private final ObservableList<String> mediaTypes = FXCollections.observableArrayList();
    private Supplier<List<String>> mediaTypeSource = List::of;
    private final ObjectProperty<LocalDate> dateTo = new SimpleObjectProperty<>();
    private final ObservableList<ImportStore.Production> productions = FXCollections.observableArrayList();
    private final ObservableList<SearchHit> hits = FXCollections.observableArrayList();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    /** What the last search says about its keywords (matched nothing, read as plain words), or empty. */
    private final StringProperty notice = new SimpleStringProperty("");
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    private long generation;

    public SearchViewModel(TaskRunner tasks, Searcher searcher, PassageLocator locator,
                           Supplier<List<ImportStore.Production>> productionSource, DocumentOpener opener) {
        this.tasks = tasks;
        this.searcher = searcher;
        this.locator = locator;
        this.productionSource = productionSource;
        this.opener = opener;
    }

    /** Where the document types for the type filter come from (the matter's documents). */
    public void setMediaTypeSource(Supplier<List<String>> source) {
        this.mediaTypeSource = source;
    }

    /** Loads the document types for the filter (off the FX thread). */
    public void loadMediaTypes() {
        tasks.task("load document types", mediaTypeSource::get).onSuccess(mediaTypes::setAll).onError(error::set).start();
    }

    public void setIndexer(Indexer indexer) {
        this.indexer = indexer;
    }

    /**
     * Makes what was imported searchable, in the background: after an import and when the matter opens
     * (an import from the command line with --keyword-only, or one that was interrupted, leaves chunks
     * unembedded). A request while one runs makes it run once more afterwards.
     */
    public void makeSearchable() {
        if (indexing.get()) {
            indexAgain = true;
            return;
        }
        indexing.set(true);
        indexAgain = false;
        tasks.task("make searchable", () -> {
                    indexer.catchUp(indexCancel);
                    return true;
                })
                .onError(error::set)
                .onFinally(() -> {
                    indexing.set(false);
                    if (indexAgain && !indexCancel.isCancelled()) makeSearchable();
                })
                .start();
    }

    /** Stops indexing when the matter closes. */
    public void close() {
        indexCancel.cancel();
    }

    /** Loads the productions for the filter (off the FX thread). */
    public void loadProductions() {
        tasks.task("load productions", productionSource::get).onSuccess(productions::setAll).onError(error::set).start();
    }

    public SearchFilter filter() {
        String c = custodian.get() == null ? null : custodian.get().strip();
        ImportStore.Production p = production.get();
        return new SearchFilter(null, c == null || c.isEmpty() ? null : c, p == null ? null : p.id(),
                dateFrom.get(), dateTo.get(), mediaType.get());
    }

    public void search() {
        String q = query.get() == null ? "" : query.get().strip();
        if (q.isEmpty()) {
            status.set(Messages.get("search.empty"));
            notice.set("");
            hits.clear();
            return;
        }
        long g = ++generation;
        Mode m = mode.get();
        SearchFilter f = filter();
        searching.set(true);
        error.set(null);
        status.set(Messages.get("search.running"));
        tasks.task("search", () -> searcher.search(q, m, K, f))
                .onSuccess(r -> {
                    if (g != generation) return;
                    hits.setAll(r.hits());
                    status.set(r.hits().isEmpty() ? Messages.get("search.noHits") : Messages.format("search.count", r.hits().size()));
                    notice.set(noticeOf(r));
                })
                .onError(e -> {
                    if (g != generation) return;
                    hits.clear();
                    status.set("");
                    notice.set("");
                    error.set(e);
                })
                .onFinally(() -> {
                    if (g == generation) searching.set(false);
                })
                .start();
    }

    /** The result's notice in the pane's words, or empty. */
    static String noticeOf(SearchResult r) {
        return switch (r.notice()) {
            case NONE -> "";
            case KEYWORDS_READ_AS_WORDS -> Messages.format(r.keywordsMatched() ? "search.notice.readAsWords" : "search.notice.readAsWordsNoMatch",
                    r.keywordProblem());
            case KEYWORDS_MATCH_NOTHING -> Messages.get(r.mode() == Mode.HYBRID ? "search.notice.noKeywordMatch.hybrid" : "search.notice.noKeywordMatch.keyword");
        };
    }

    /** Opens the viewer on the hit's page with its passage highlighted (the page offset is looked up first). */
    public void open(SearchHit hit) {
        if (hit == null) return;
        tasks.task("locate hit", () -> locator.locate(hit.documentId(), hit.page(), hit.startChar(), hit.endChar()))
                .onSuccess(s -> opener.openAt(s.documentId(), s.page(), s.start(), s.end()))
                .onError(error::set)
                .start();
    }

    /** Splits a highlighted snippet into plain and bold runs; falls back to the hit's text when there is none. */
    public static List<Run> runs(SearchHit hit) {
        String s = hit.snippet();
        if (s == null || s.isBlank()) s = clip(hit.text());
        return runs(s);
    }

    static List<Run> runs(String snippet) {
        List<Run> out = new ArrayList<>();
        String flat = snippet.replaceAll("\\s+", " ").strip();
        int at = 0;
        while (at < flat.length()) {
            int open = flat.indexOf("<b>", at);
            if (open < 0) {
                out.add(new Run(flat.substring(at), false));
                break;
            }
            if (open > at) out.add(new Run(flat.substring(at, open), false));
            int close = flat.indexOf("</b>", open + 3);
            if (close < 0) close = flat.length();
            if (close > open + 3) out.add(new Run(flat.substring(open + 3, close), true));
            at = Math.min(flat.length(), close + 4);
        }
        return out;
    }

    private static String clip(String text) {
        if (text == null) return "";
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    public StringProperty query() { return query; }
    public ObjectProperty<Mode> mode() { return mode; }
    public StringProperty custodian() { return custodian; }
    public ObjectProperty<ImportStore.Production> production() { return production; }
    public ObjectProperty<LocalDate> dateFrom() { return dateFrom; }
    public ObjectProperty<String> mediaType() { return mediaType; }
    public ObservableList<String> mediaTypes() { return mediaTypes; }
    public ObjectProperty<LocalDate> dateTo() { return dateTo; }
    public ObservableList<ImportStore.Production> productions() { return productions; }
    public ObservableList<SearchHit> hits() { return hits; }
    public BooleanProperty searching() { return searching; }
    public BooleanProperty indexing() { return indexing; }
    public StringProperty status() { return status; }
    public StringProperty notice() { return notice; }
    public ObjectProperty<UserError> error() { return error; }
}
