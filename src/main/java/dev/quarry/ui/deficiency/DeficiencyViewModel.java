package dev.quarry.ui.deficiency;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.app.UserSettings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.deficiency.DeficiencyService;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.viewer.DocumentOpener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The Deficiency pane's state without Nodes: the inputs (requests, responses, production, known sets), the
 * running analysis (progress, cancel), the report's rows and the selected request's detail, and reviewer
 * work (override with a note, by the reviewer's name kept in the user settings).
 */
public final class DeficiencyViewModel {
    /** One row of the requests table. */
    public record Row(String number, String shortText, String posture, String classification, double confidence, boolean overridden,
                      RequestResult result) {}

    private final TaskRunner tasks;
    private final DeficiencyBackend backend;
    private final UserSettings settings;
    private final DocumentOpener opener;
    private final ObjectProperty<Path> requests = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> responses = new SimpleObjectProperty<>();
    private final StringProperty production = new SimpleStringProperty();
    private final ObservableList<String> productions = FXCollections.observableArrayList();
    private final ObservableList<String> known = FXCollections.observableArrayList();
    private final BooleanProperty offline = new SimpleBooleanProperty(true);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Report> report = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    private final StringProperty reviewer = new SimpleStringProperty();
    private volatile CancelToken cancel;

    public DeficiencyViewModel(TaskRunner tasks, DeficiencyBackend backend, UserSettings settings, DocumentOpener opener) {
        this.tasks = tasks;
        this.backend = backend;
        this.settings = settings;
        this.opener = opener;
        report.addListener((o, a, r) -> showReport(r));
    }

    /** Loads the productions and the newest report. */
    public void load() {
        tasks.task("load deficiency", () -> new Object[] {backend.productions(), backend.latest(), settings.load().reviewer()})
                .onSuccess(x -> {
                    reviewer.set((String) x[2]);
                    @SuppressWarnings("unchecked") List<String> ps = (List<String>) x[0];
                    productions.setAll(ps);
                    if (production.get() == null && !ps.isEmpty()) production.set(ps.get(0));
                    @SuppressWarnings("unchecked") Optional<Report> r = (Optional<Report>) x[1];
                    r.ifPresent(report::set);
                })
                .onError(error::set).start();
    }

    public boolean canRun() {
        return !running.get() && requests.get() != null && responses.get() != null && production.get() != null;
    }

    public void run() {
        if (!canRun()) {
            status.set(Messages.get("deficiency.needInputs"));
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        progress.set(-1);
        status.set(Messages.get("deficiency.running"));
        List<String> knownNow = new ArrayList<>(known);
        knownNow.remove(production.get());
        DeficiencyService.Request in = new DeficiencyService.Request(requests.get(), responses.get(), production.get(), knownNow,
                DeficiencyBackend.mode(offline.get()));
        tasks.task("deficiency analysis", () -> backend.analyze(in, token, (what, done, total) -> tasks.onUi(() -> {
                    status.set(what);
                    progress.set(total <= 0 ? -1 : done / (double) total);
                })))
                .onSuccess(r -> {
                    report.set(r);
                    status.set(Messages.format("deficiency.done", r.requests().size()));
                })
                .onError(e -> {
                    error.set(e);
                    status.set(token.isCancelled() ? Messages.get("deficiency.cancelled") : "");
                })
                .onFinally(() -> {
                    running.set(false);
                    progress.set(0);
                })
                .start();
    }

    public void cancel() {
        CancelToken t = cancel;
        if (t != null) t.cancel();
    }

    private void showReport(Report r) {
        Row keep = selected.get();
        List<Row> out = new ArrayList<>();
        if (r != null) {
            for (RequestResult q : r.requests()) {
                out.add(new Row(q.number(), shortText(q.text()), q.responsePosture().wire(), q.classification().wire(), q.confidence(),
                        q.overridden(), q));
            }
            Map<String, Integer> s = r.summary();
            summary.set(Messages.format("deficiency.summary", r.requests().size(), s.getOrDefault("fully_produced", 0),
                    s.getOrDefault("partially_produced", 0), s.getOrDefault("not_produced", 0), s.getOrDefault("no_responsive_docs", 0),
                    s.getOrDefault("documents_produced", 0), s.getOrDefault("responsive_produced", 0), s.getOrDefault("missing", 0),
                    s.getOrDefault("noise", 0)));
        } else {
            summary.set("");
        }
        rows.setAll(out);
        if (keep != null) out.stream().filter(x -> x.number().equals(keep.number())).findFirst().ifPresent(selected::set);
        else if (!out.isEmpty()) selected.set(out.get(0));
    }

    static String shortText(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= 90 ? t : t.substring(0, 89) + "…";
    }

    /** The reviewer's name kept in the user settings, or null when it was never given (read by {@link #load()}). */
    public String reviewer() {
        return reviewer.get();
    }

    /** Keeps the reviewer's name (asked once) in the user settings. */
    public void rememberReviewer(String name) {
        if (name == null || name.isBlank()) return;
        reviewer.set(name.strip());
        tasks.task("save reviewer", () -> settings.update(p -> p.withReviewer(name))).onError(error::set).start();
    }

    /** Overrides the selected request's classification with a note, by the reviewer kept in the settings. */
    public void override(Classification c, String note) {
        Row row = selected.get();
        Report r = report.get();
        String who = reviewer();
        if (row == null || r == null) return;
        if (who == null) {
            status.set(Messages.get("deficiency.needReviewer"));
            return;
        }
        tasks.task("override", () -> c == null ? backend.note(r.reportId(), row.number(), note, who)
                        : backend.override(r.reportId(), row.number(), c, note, who))
                .onSuccess(x -> {
                    report.set(x);
                    status.set(Messages.format("deficiency.overridden", row.number()));
                })
                .onError(error::set).start();
    }

    /** Opens a produced document on the quoted page, the quote highlighted when it is found there. */
    public void openEvidence(EvidenceRef e) {
        tasks.task("locate evidence", () -> Optional.ofNullable(backend.locate(e.documentId(), e.page(), e.quote())))
                .onSuccess(span -> {
                    int[] s = span.orElse(new int[] {0, 0});
                    opener.openAt(e.documentId(), Math.max(1, e.page()), s[0], s[1]);
                })
                .onError(error::set).start();
    }

    public void openMissing(MissingDocument m) {
        opener.openAt(m.documentId(), 1, 0, 0);
    }

    public ObjectProperty<Path> requests() { return requests; }
    public ObjectProperty<Path> responses() { return responses; }
    public StringProperty production() { return production; }
    public ObservableList<String> productions() { return productions; }
    public ObservableList<String> known() { return known; }
    public BooleanProperty offline() { return offline; }
    public BooleanProperty running() { return running; }
    public DoubleProperty progress() { return progress; }
    public StringProperty status() { return status; }
    public ObjectProperty<Report> report() { return report; }
    public ObservableList<Row> rows() { return rows; }
    public ObjectProperty<Row> selected() { return selected; }
    public StringProperty summary() { return summary; }
    public ObjectProperty<UserError> error() { return error; }
}
