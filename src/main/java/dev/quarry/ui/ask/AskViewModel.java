package dev.quarry.ui.ask;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.qa.AnswerType;
import dev.quarry.qa.Citation;
import dev.quarry.qa.EveryDocumentQuestion;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.QaService;
import dev.quarry.qa.ReviewQueue;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.common.PassageLocator;
import dev.quarry.extraction.VariableSpec;
import dev.quarry.ui.viewer.DocumentOpener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Ask pane's state: the question, the answer as it streams and once complete, feedback, history and
 * the review queue. All Q&A work runs on the task runner; streamed tokens are gathered off the FX thread
 * and handed over at most one update at a time.
 */
public final class AskViewModel {
    public static final int MIN_CHARS = 5;
    public static final int MAX_CHARS = 2000;
    static final int HISTORY_PAGE = 20;
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,2}(?:\\s*,\\s*\\d{1,2})*)]");

    /** A piece of the answer: plain text, or one citation marker (rank > 0) that links to its source. */
    public record Segment(String text, int citation) {}

    private final TaskRunner tasks;
    private final AskBackend backend;
    private final PassageLocator locator;
    private final DocumentOpener opener;

    private final StringProperty question = new SimpleStringProperty("");
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final BooleanProperty asking = new SimpleBooleanProperty();
    private final StringProperty streamed = new SimpleStringProperty("");
    private final StringProperty askedQuestion = new SimpleStringProperty("");
    private final ObjectProperty<QaResult> result = new SimpleObjectProperty<>();
    private final StringProperty feedbackComment = new SimpleStringProperty("");
    private final StringProperty feedbackStatus = new SimpleStringProperty("");
    private final ObservableList<QaResult> history = FXCollections.observableArrayList();
    private final BooleanProperty moreHistory = new SimpleBooleanProperty();
    private final ObservableList<ReviewQueue.Item> reviews = FXCollections.observableArrayList();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    private final BooleanBinding questionValid;
    /** The grid column offered for a question about every document (null for an ordinary question). */
    private final ObjectProperty<VariableSpec> gridOffer = new SimpleObjectProperty<>();
    private Consumer<VariableSpec> gridColumnSink = spec -> {};

    public AskViewModel(TaskRunner tasks, AskBackend backend, PassageLocator locator, DocumentOpener opener) {
        this.tasks = tasks;
        this.backend = backend;
        this.locator = locator;
        this.opener = opener;
        questionValid = Bindings.createBooleanBinding(() -> validation(question.get()).isEmpty(), question);
    }

    /** Why the question cannot be asked yet, or empty when it can. */
    public static Optional<String> validation(String q) {
        int n = q == null ? 0 : q.strip().length();
        if (n < MIN_CHARS) return Optional.of(Messages.format("ask.tooShort", MIN_CHARS));
        if (n > MAX_CHARS) return Optional.of(Messages.format("ask.tooLong", MAX_CHARS, n));
        return Optional.empty();
    }

    public void ask() {
        ask(question.get());
    }

    /** Asks a question (from the box, or a suggestion); the answer streams into {@link #streamed()}. */
    public void ask(String q) {
        if (asking.get()) return;
        Optional<String> invalid = validation(q);
        if (invalid.isPresent()) {
            error.set(UserError.of(invalid.get()));
            return;
        }
        String text = q.strip();
        question.set(text);
        askedQuestion.set(text);
        gridOffer.set(offerFor(text));
        result.set(null);
        streamed.set("");
        feedbackStatus.set("");
        feedbackComment.set("");
        error.set(null);
        asking.set(true);
        StringBuilder buffer = new StringBuilder();
        AtomicBoolean pending = new AtomicBoolean();
        QaService.AskOptions options = new QaService.AskOptions(offline.get(), false);
        tasks.task("ask", () -> backend.ask(text, options, piece -> {
                    synchronized (buffer) {
                        buffer.append(piece);
                    }
                    if (pending.compareAndSet(false, true)) {
                        tasks.onUi(() -> {
                            pending.set(false);
                            synchronized (buffer) {
                                if (asking.get()) streamed.set(buffer.toString());
                            }
                        });
                    }
                }))
                .onSuccess(r -> {
                    result.set(r);
                    streamed.set(r.answer() == null ? "" : r.answer());
                    history.add(0, r);
                    if (r.flaggedForReview()) loadReviews();
                })
                .onError(error::set)
                .onFinally(() -> asking.set(false))
                .start();
    }

    /**
     * The grid column a question about every document becomes ("which agreements have a non-compete?" → BOOLEAN
     * non_compete), or null when top passages can answer it. Pure: no disk, no model.
     */
    public static VariableSpec offerFor(String question) {
        return EveryDocumentQuestion.column(question)
                .map(c -> new VariableSpec(c.name(), c.type(), c.instructions(), List.of(), false, false))
                .filter(v -> v.problems().isEmpty())
                .orElse(null);
    }

    /** Where an accepted offer goes: the workspace adds the column to a grid over the matter and runs it. */
    public void setGridColumnSink(Consumer<VariableSpec> sink) {
        this.gridColumnSink = sink == null ? spec -> {} : sink;
    }

    /** "Make it a grid column": hands the offered column over (the grid work runs in the Extraction pane's view model). */
    public void acceptGridOffer() {
        VariableSpec spec = gridOffer.get();
        if (spec == null) return;
        gridColumnSink.accept(spec);
    }

    /** Splits an answer into text and clickable citation markers; "[1, 3]" becomes two links. */
    public static List<Segment> segments(String answer) {
        List<Segment> out = new ArrayList<>();
        if (answer == null) return out;
        Matcher m = MARKER.matcher(answer);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) out.add(new Segment(answer.substring(at, m.start()), 0));
            String[] ranks = m.group(1).split("\\s*,\\s*");
            for (int i = 0; i < ranks.length; i++) {
                if (i > 0) out.add(new Segment(" ", 0));
                out.add(new Segment("[" + ranks[i] + "]", Integer.parseInt(ranks[i])));
            }
            at = m.end();
        }
        if (at < answer.length()) out.add(new Segment(answer.substring(at), 0));
        return out;
    }

    /** The banner over the answer: offline/extractive, insufficient evidence, or the model's failure; null for none. */
    public static String banner(QaResult r) {
        if (r == null) return null;
        return switch (r.answerType()) {
            case EXTRACTIVE -> Messages.get("ask.banner.extractive");
            case INSUFFICIENT_EVIDENCE -> Messages.get("ask.banner.insufficient");
            case ERROR -> Messages.format("ask.banner.error", r.errorMessage() == null ? "" : r.errorMessage());
            case GROUNDED -> r.cacheHit() ? Messages.get("ask.banner.cached") : null;
            case REVIEWED -> reviewedLabel(r);
        };
    }

    /**
     * The line under the answer: its confidence, and whether it was sent for review. None for answers that
     * carry no confidence of their own (refusals, failures, reviewed answers: their banner says what they are).
     */
    public static String confidenceLabel(QaResult r) {
        if (r == null || (r.answerType() != AnswerType.GROUNDED && r.answerType() != AnswerType.EXTRACTIVE)) return null;
        String c = String.format(java.util.Locale.ROOT, "%.2f", r.confidence());
        return r.flaggedForReview() ? Messages.format("ask.confidence.flagged", c) : Messages.format("ask.confidence", c);
    }

    /** "Reviewed answer, recorded by jd on 4 Dec 2026": what a reviewed answer says about itself. */
    public static String reviewedLabel(QaResult r) {
        if (r == null || r.answerType() != AnswerType.REVIEWED) return null;
        QaResult.Reviewed rv = r.reviewed();
        String who = rv == null || rv.reviewer() == null ? Messages.get("ask.reviewed.someone") : rv.reviewer();
        String when = rv == null || rv.resolvedAt() == null ? "" : java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", java.util.Locale.ROOT)
                .withZone(java.time.ZoneId.systemDefault()).format(rv.resolvedAt());
        return Messages.format("ask.banner.reviewed", who, when);
    }

    public Optional<Citation> citation(int rank) {
        QaResult r = result.get();
        if (r == null) return Optional.empty();
        return r.citations().stream().filter(c -> c.rank() == rank).findFirst();
    }

    /** Opens the viewer at a citation's passage (its page offsets are looked up off the FX thread). */
    public void open(Citation c) {
        if (c == null) return;
        tasks.task("locate citation", () -> locator.locate(c.documentId(), c.page(), c.docStartChar(), c.docEndChar()))
                .onSuccess(s -> opener.openAt(s.documentId(), s.page(), s.start(), s.end()))
                .onError(error::set)
                .start();
    }

    public void openCitation(int rank) {
        citation(rank).ifPresent(this::open);
    }

    /** Shows an earlier answer from history. */
    public void reopen(QaResult r) {
        if (r == null || asking.get()) return;
        askedQuestion.set(r.question());
        gridOffer.set(offerFor(r.question()));
        result.set(r);
        streamed.set(r.answer() == null ? "" : r.answer());
        feedbackComment.set(r.feedback() == null || r.feedback().comment() == null ? "" : r.feedback().comment());
        feedbackStatus.set(r.feedback() == null ? "" : Messages.get("ask.feedback." + r.feedback().rating()));
    }

    public void feedback(boolean helpful) {
        QaResult r = result.get();
        if (r == null) return;
        String rating = helpful ? "helpful" : "not_helpful";
        String comment = feedbackComment.get() == null || feedbackComment.get().isBlank() ? null : feedbackComment.get().strip();
        tasks.task("feedback", () -> {
                    backend.feedback(r.queryId(), rating, comment);
                    return rating;
                })
                .onSuccess(x -> {
                    feedbackStatus.set(Messages.get("ask.feedback." + rating));
                    loadHistory(); // the list shows each answer's rating
                })
                .onError(error::set)
                .start();
    }

    public void requestReview() {
        QaResult r = result.get();
        if (r == null) return;
        tasks.task("request review", () -> {
                    backend.requestReview(r.queryId());
                    return backend.queuedReviews();
                })
                .onSuccess(list -> {
                    reviews.setAll(list);
                    feedbackStatus.set(Messages.get("ask.review.requested"));
                })
                .onError(error::set)
                .start();
    }

    /** Reloads the first page of history (newest first). */
    public void loadHistory() {
        tasks.task("load history", () -> backend.history(HISTORY_PAGE + 1, 0))
                .onSuccess(page -> {
                    history.setAll(page.subList(0, Math.min(HISTORY_PAGE, page.size())));
                    moreHistory.set(page.size() > HISTORY_PAGE);
                })
                .onError(error::set)
                .start();
    }

    public void moreHistory() {
        int offset = history.size();
        tasks.task("load history", () -> backend.history(HISTORY_PAGE + 1, offset))
                .onSuccess(page -> {
                    history.addAll(page.subList(0, Math.min(HISTORY_PAGE, page.size())));
                    moreHistory.set(page.size() > HISTORY_PAGE);
                })
                .onError(error::set)
                .start();
    }

    public void loadReviews() {
        tasks.task("load reviews", backend::queuedReviews).onSuccess(reviews::setAll).onError(error::set).start();
    }

    public void resolveReview(ReviewQueue.Item item, String correctAnswer, String notes) {
        if (item == null) return;
        tasks.task("resolve review", () -> {
                    backend.resolveReview(item.queryId(), correctAnswer, notes);
                    return backend.queuedReviews();
                })
                .onSuccess(reviews::setAll)
                .onError(error::set)
                .start();
    }

    public boolean isExtractiveOrOffline() {
        QaResult r = result.get();
        return r != null && r.answerType() == AnswerType.EXTRACTIVE;
    }

    public StringProperty question() { return question; }
    public BooleanProperty offline() { return offline; }
    public BooleanProperty asking() { return asking; }
    public StringProperty streamed() { return streamed; }
    public StringProperty askedQuestion() { return askedQuestion; }
    public ObjectProperty<QaResult> result() { return result; }
    public StringProperty feedbackComment() { return feedbackComment; }
    public StringProperty feedbackStatus() { return feedbackStatus; }
    public ObservableList<QaResult> history() { return history; }
    public BooleanProperty hasMoreHistory() { return moreHistory; }
    public ObservableList<ReviewQueue.Item> reviews() { return reviews; }
    public ObjectProperty<UserError> error() { return error; }
    public BooleanBinding questionValid() { return questionValid; }
    public ObjectProperty<VariableSpec> gridOffer() { return gridOffer; }
}
