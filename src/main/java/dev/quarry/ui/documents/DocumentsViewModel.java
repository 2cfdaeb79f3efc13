package dev.quarry.ui.documents;

import dev.quarry.app.ProgressThrottle;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.BatesNumber;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The documents pane's state: every document of the matter as a light immutable row (loaded off the FX
 * thread in one query; a 100,000-row matter is a few MB of records), a text and status filter, and the
 * import job with its throttled progress, cancel and resume.
 */
public final class DocumentsViewModel {
    /** Progress reaches the FX thread at most this often, however fast the import reports. */
    static final long PROGRESS_INTERVAL_MS = 150;
    /** Rows shown first while the rest of a large matter loads. */
    static final int FIRST_PAGE = 2_000;
    /** While importing, the table is refreshed this often, as long as the matter is small enough for it to be cheap. */
    static final long LIVE_REFRESH_MS = 3_000;
    static final int LIVE_REFRESH_MAX_ROWS = 20_000;

    private final TaskRunner tasks;
    private final DocumentRepository documents;
    private final ImportService imports;

    private final ObservableList<DocumentSummary> all = FXCollections.observableArrayList();
    private final FilteredList<DocumentSummary> filtered = new FilteredList<>(all);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<DocumentStatus> statusFilter = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();

    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty rateText = new SimpleStringProperty("");
    private final StringProperty etaText = new SimpleStringProperty("");
    private final StringProperty currentFile = new SimpleStringProperty("");
    private final StringProperty lastResult = new SimpleStringProperty("");
    private final ObservableList<Long> resumable = FXCollections.observableArrayList();
    private final StringBinding summary;
    /** What the empty table says: an empty matter invites an import; a filter that matches nothing says so. */
    private final StringBinding emptyTitle;
    private final StringBinding emptyBody;
    private volatile CancelToken cancel;
    private long loadGeneration;
    private long lastLiveRefresh;

    public DocumentsViewModel(TaskRunner tasks, DocumentRepository documents, ImportService imports) {
        this.tasks = tasks;
        this.documents = documents;
        this.imports = imports;
        filtered.predicateProperty().bind(Bindings.createObjectBinding(
                () -> predicate(filterText.get(), statusFilter.get()), filterText, statusFilter));
        summary = Bindings.createStringBinding(this::summaryText, all, filtered);
        emptyTitle = Bindings.createStringBinding(() -> all.isEmpty() ? Messages.get("documents.empty.title")
                : filterText.get() != null && !filterText.get().isBlank()
                        ? Messages.format("documents.noMatch.title", filterText.get().strip())
                        : Messages.format("documents.noMatch.status", statusFilter.get() == null
                                ? Messages.get("documents.status.all") : Messages.get("documents.status." + statusFilter.get().db())),
                all, filterText, statusFilter);
        emptyBody = Bindings.createStringBinding(() -> all.isEmpty() ? Messages.get("documents.empty.body")
                : Messages.format("documents.noMatch.body", Formats.count(all.size())), all);
    }

    /**
     * Text matches a name (stored or original), a Bates range, custodian or problem; a Bates number also
     * matches every document whose range holds it, so SSC0000380 finds the one-page text of
     * SSC0000001–SSC0000400 (the producer's 400 pages that Quarry could not tell apart).
     */
    static Predicate<DocumentSummary> predicate(String text, DocumentStatus status) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty() && status == null) return null;
        Optional<BatesNumber> bates = BatesNumber.parse(q);
        return d -> (status == null || d.status() == status)
                && (q.isEmpty() || contains(d.fileName(), q) || contains(d.originalName(), q) || contains(d.batesBegin(), q)
                    || contains(d.batesEnd(), q) || contains(d.custodian(), q) || contains(d.error(), q)
                    || bates.isPresent() && bates.get().within(d.batesBegin(), d.batesEnd()));
    }

    /**
     * The page to open a document at: the page of the Bates number in the filter when the document has one
     * page per number of its range, else the first.
     */
    public int pageToOpen(DocumentSummary d) {
        Optional<BatesNumber> bates = BatesNumber.parse(filterText.get());
        if (bates.isEmpty() || !bates.get().within(d.batesBegin(), d.batesEnd())) return 1;
        long rangePages = BatesNumber.parse(d.batesEnd()).map(e -> e.number()).orElse(0L)
                - BatesNumber.parse(d.batesBegin()).map(b -> b.number()).orElse(0L) + 1;
        return rangePages == d.pages() ? (int) bates.get().offsetFrom(d.batesBegin()) + 1 : 1;
    }

    private static boolean contains(String field, String lowerQuery) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(lowerQuery);
    }

    private String summaryText() {
        long failed = all.stream().filter(d -> d.status() != DocumentStatus.COMPLETED && d.status().terminal()).count();
        String base = filtered.size() == all.size()
                ? Messages.format("documents.count", Formats.count(all.size()))
                : Messages.format("documents.countFiltered", Formats.count(filtered.size()), Formats.count(all.size()));
        return failed == 0 ? base : base + " · " + Messages.format("documents.countProblems", Formats.count(failed));
    }

    /**
     * Reloads the rows off the FX thread: the first {@link #FIRST_PAGE} at once so the table fills
     * immediately, then the whole matter in one query (100,000 rows are a few MB of records).
     */
    public void load() {
        loading.set(true);
        long generation = ++loadGeneration;
        tasks.task("load documents", () -> documents.list(FIRST_PAGE, 0))
                .onSuccess(first -> {
                    if (generation != loadGeneration) return;
                    if (first.size() < FIRST_PAGE) {
                        all.setAll(first);
                        loading.set(false);
                        return;
                    }
                    if (all.isEmpty()) all.setAll(first);
                    tasks.task("load all documents", documents::listAll)
                            .onSuccess(rows -> {
                                if (generation == loadGeneration) all.setAll(rows);
                            })
                            .onError(error::set)
                            .onFinally(() -> {
                                if (generation == loadGeneration) loading.set(false);
                            })
                            .start();
                })
                .onError(e -> {
                    error.set(e);
                    loading.set(false);
                })
                .start();
    }

    /** Looks for imports a closed or killed Quarry left unfinished, to offer resuming them. */
    public void checkResumable() {
        tasks.task("find interrupted imports", imports::resumableJobs)
                .onSuccess(resumable::setAll)
                .onError(error::set)
                .start();
    }

    public void importPaths(List<Path> paths) {
        if (paths.isEmpty()) return;
        if (importing.get()) {
            error.set(UserError.of(Messages.get("import.alreadyRunning")));
            return;
        }
        runImport(null, paths);
    }

    public void resume(long jobId) {
        if (importing.get()) {
            error.set(UserError.of(Messages.get("import.alreadyRunning")));
            return;
        }
        resumable.remove(Long.valueOf(jobId));
        runImport(jobId, List.of());
    }

    public void dismissResumable() {
        resumable.clear();
    }

    private void runImport(Long existingJob, List<Path> paths) {
        CancelToken token = new CancelToken();
        cancel = token;
        importing.set(true);
        error.set(null);
        lastResult.set("");
        progress.set(-1);
        progressText.set(Messages.get(existingJob == null ? "import.planning" : "import.resuming"));
        rateText.set("");
        etaText.set("");
        currentFile.set("");
        lastLiveRefresh = System.currentTimeMillis();
        ProgressThrottle<JobProgress> throttle = new ProgressThrottle<>(tasks, PROGRESS_INTERVAL_MS, this::showProgress);
        tasks.task("import", () -> {
                    long jobId = existingJob != null ? existingJob : imports.plan(paths, null);
                    ImportService.Report r = imports.run(jobId, throttle::accept, token);
                    throttle.flush();
                    return r;
                })
                .onSuccess(r -> lastResult.set(resultText(r)))
                .onError(error::set)
                .onFinally(() -> {
                    importing.set(false);
                    cancel = null;
                    load();
                })
                .start();
    }

    void showProgress(JobProgress p) {
        if (!importing.get()) return;
        long finished = p.itemsDone() + p.itemsFailed();
        progress.set(p.itemsTotal() == 0 ? -1 : p.fraction());
        if ("ocr".equals(p.phase())) {
            // The import's OCR step: pages read of pages waiting, at pages per second.
            progressText.set(Messages.format("import.ocr.progress", Formats.count(finished), Formats.count(p.itemsTotal())));
            rateText.set(Messages.format("import.ocr.rate", Formats.rate(p.pagesPerSecond())));
        } else {
            progressText.set(Messages.format("import.progress", Formats.count(finished), Formats.count(p.itemsTotal()),
                    Formats.count(p.pagesDone())));
            rateText.set(Messages.format("import.rate", Formats.rate(p.itemsPerSecond()), Formats.rate(p.pagesPerSecond())));
        }
        etaText.set(p.eta() == null ? "" : Messages.format("import.eta", Formats.duration(p.eta())));
        currentFile.set(p.current() == null ? "" : p.current());
        long now = System.currentTimeMillis();
        if (now - lastLiveRefresh >= LIVE_REFRESH_MS && !loading.get() && all.size() <= LIVE_REFRESH_MAX_ROWS) {
            lastLiveRefresh = now;
            load(); // the user watches documents arrive
        }
    }

    static String resultText(ImportService.Report r) {
        String key = r.status() == JobStatus.CANCELLED ? "import.cancelled" : "import.finished";
        return Messages.format(key, Formats.count(r.done() + r.failed()), Formats.count(r.failed()), Formats.count(r.pages()),
                Formats.duration(r.elapsed()));
    }

    public void cancelImport() {
        CancelToken t = cancel;
        if (t != null) {
            t.cancel();
            progressText.set(Messages.get("import.cancelling"));
        }
    }

    public ObservableList<DocumentSummary> all() { return all; }
    public FilteredList<DocumentSummary> filtered() { return filtered; }
    public StringProperty filterText() { return filterText; }
    public ObjectProperty<DocumentStatus> statusFilter() { return statusFilter; }
    public BooleanProperty loading() { return loading; }
    public ObjectProperty<UserError> error() { return error; }
    public BooleanProperty importing() { return importing; }
    public DoubleProperty progress() { return progress; }
    public StringProperty progressText() { return progressText; }
    public StringProperty rateText() { return rateText; }
    public StringProperty etaText() { return etaText; }
    public StringProperty currentFile() { return currentFile; }
    public StringProperty lastResult() { return lastResult; }
    public ObservableList<Long> resumable() { return resumable; }
    public StringBinding summary() { return summary; }
    public StringBinding emptyTitle() { return emptyTitle; }
    public StringBinding emptyBody() { return emptyBody; }
}
