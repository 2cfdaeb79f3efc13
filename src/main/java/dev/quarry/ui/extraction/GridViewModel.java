package dev.quarry.ui.extraction;

import dev.quarry.app.Grids;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.extraction.DocumentSet;
import dev.quarry.extraction.Grid;
import dev.quarry.extraction.GridRun;
import dev.quarry.extraction.GridRunner;
import dev.quarry.extraction.GridService;
import dev.quarry.extraction.GridTable;
import dev.quarry.extraction.PromptVersion;
import dev.quarry.extraction.RunComparison;
import dev.quarry.extraction.RunKind;
import dev.quarry.extraction.VariableSpec;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.common.PassageLocator;
import dev.quarry.ui.viewer.DocumentOpener;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
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
 * The Extraction pane's state: the grids of the matter, the one shown (documents × variables), the filter (text in any
 * value, confidence below a threshold), the selected cell with its quote, review actions (mark right / wrong, override,
 * refine), the variable editor's schema, and runs (sample / all) with progress in cells, cancel and resume. Every
 * read and write runs on the task runner; the FX thread never waits on the database or the engine.
 */
public final class GridViewModel {
    private final TaskRunner tasks;
    private final Supplier<Grids> grids;
    private final PassageLocator locator;
    private final DocumentOpener opener;

    private final ObservableList<Grid> gridList = FXCollections.observableArrayList();
    private final ObjectProperty<Grid> grid = new SimpleObjectProperty<>();
    private final ObjectProperty<GridTable> table = new SimpleObjectProperty<>();
    private final ObservableList<GridTable.Row> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty lowConfidenceOnly = new SimpleBooleanProperty(false);
    private final DoubleProperty threshold = new SimpleDoubleProperty(0.6);
    private final ObjectProperty<GridTable.Row> selectedRow = new SimpleObjectProperty<>();
    private final ObjectProperty<GridTable.Entry> selected = new SimpleObjectProperty<>();
    private final ObservableList<PromptVersion> history = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    private final BooleanProperty offline = new SimpleBooleanProperty(true);
    private final SimpleObjectProperty<Integer> sampleSize = new SimpleObjectProperty<>(20);
    private volatile CancelToken cancel;

    public GridViewModel(TaskRunner tasks, Supplier<Grids> grids, PassageLocator locator, DocumentOpener opener) {
        this.tasks = tasks;
        this.grids = grids;
        this.locator = locator;
        this.opener = opener;
        filter.addListener((o, a, b) -> applyFilter());
        lowConfidenceOnly.addListener((o, a, b) -> applyFilter());
        threshold.addListener((o, a, b) -> applyFilter());
    }

    public ObservableList<Grid> grids() { return gridList; }
    public ObjectProperty<Grid> grid() { return grid; }
    public ObjectProperty<GridTable> table() { return table; }
    public ObservableList<GridTable.Row> rows() { return rows; }
    public StringProperty filter() { return filter; }
    public BooleanProperty lowConfidenceOnly() { return lowConfidenceOnly; }
    public DoubleProperty threshold() { return threshold; }
    public ObjectProperty<GridTable.Row> selectedRow() { return selectedRow; }
    public ObjectProperty<GridTable.Entry> selected() { return selected; }
    public ObservableList<PromptVersion> history() { return history; }
    public BooleanProperty running() { return running; }
    public DoubleProperty progress() { return progress; }
    public StringProperty progressText() { return progressText; }
    public StringProperty notice() { return notice; }
    public ObjectProperty<UserError> error() { return error; }
    public BooleanProperty offline() { return offline; }
    public SimpleObjectProperty<Integer> sampleSize() { return sampleSize; }

    /** Loads the grid list and shows the first grid (or the one shown before). */
    public void load() {
        Grid before = grid.get();
        Long keep0 = before == null ? null : before.id();
        tasks.task("load grids", () -> grids.get().service().grids()).onSuccess(list -> {
            gridList.setAll(list);
            // A grid shown while the list loaded (one selected from outside, e.g. the Ask pane's column) stays shown.
            Grid now = grid.get();
            if (now != before && now != null) {
                if (list.stream().noneMatch(g -> g.id() == now.id())) gridList.add(now);
                return;
            }
            Long keep = keep0;
            Grid pick = list.stream().filter(g -> keep != null && g.id() == keep).findFirst().orElse(list.isEmpty() ? null : list.get(list.size() - 1));
            show(pick);
        }).onError(error::set).start();
    }

    public void show(Grid g) {
        grid.set(g);
        if (g == null) {
            table.set(null);
            rows.clear();
            return;
        }
        threshold.set(g.confidenceThreshold());
        reload();
    }

    /** Re-reads the shown grid's table (after a run, feedback or an override). */
    public void reload() {
        Grid g = grid.get();
        if (g == null) return;
        tasks.task("load grid", () -> grids.get().service().table(g.id())).onSuccess(t -> {
            table.set(t);
            grid.set(t.grid());
            applyFilter();
            // Keep the selection on the same document and variable.
            GridTable.Entry sel = selected.get();
            if (sel != null && selectedRow.get() != null) {
                long doc = selectedRow.get().document().id();
                t.rows().stream().filter(r -> r.document().id() == doc).findFirst().ifPresent(r -> {
                    selectedRow.set(r);
                    selected.set(r.entry(sel.variable().name()));
                });
            }
        }).onError(error::set).start();
    }

    void applyFilter() {
        GridTable t = table.get();
        if (t == null) {
            rows.clear();
            return;
        }
        rows.setAll(filtered(t, filter.get(), lowConfidenceOnly.get(), threshold.get()));
    }

    /** The rows whose file name or a value contains the text, and (when asked) that have a cell below the threshold. */
    static List<GridTable.Row> filtered(GridTable t, String text, boolean lowOnly, double threshold) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return t.rows().stream().filter(r -> {
            boolean textOk = needle.isEmpty() || r.document().fileName().toLowerCase(Locale.ROOT).contains(needle)
                    || r.entries().stream().anyMatch(e -> e.value() != null && e.value().toLowerCase(Locale.ROOT).contains(needle))
                    || r.document().fields().values().stream().anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(needle));
            boolean lowOk = !lowOnly || r.entries().stream().anyMatch(e -> e.cell() != null && e.override() == null
                    && (e.confidence() == null || e.confidence() < threshold));
            return textOk && lowOk;
        }).toList();
    }

    /** Selects a cell and loads its variable's prompt history. */
    public void select(GridTable.Row row, GridTable.Entry entry) {
        selectedRow.set(row);
        selected.set(entry);
        history.clear();
        Grid g = grid.get();
        if (g == null || entry == null) return;
        tasks.task("prompt history", () -> grids.get().service().promptHistory(g.id(), entry.variable().name()))
                .onSuccess(history::setAll).onError(error::set).start();
    }

    /** Opens the viewer on the selected cell's quote, highlighted (the document's first page when it has none). */
    public void openSelected() {
        GridTable.Row row = selectedRow.get();
        GridTable.Entry e = selected.get();
        if (row == null) return;
        var c = e == null ? null : e.cell();
        tasks.task("locate quote", () -> locator.locate(row.document().id(), c == null ? null : c.page(),
                        c == null || !c.quoteVerified() ? null : c.startChar(), c == null || !c.quoteVerified() ? null : c.endChar()))
                .onSuccess(span -> opener.openAt(span.documentId(), span.page(), span.start(), span.end()))
                .onError(error::set).start();
    }

    public void markCorrect() {
        review(true, null, null);
    }

    /** Marks the selected cell wrong, with a comment and/or the right value (either may be blank). */
    public void markWrong(String comment, String rightValue) {
        review(false, blank(comment), blank(rightValue));
    }

    private void review(boolean correct, String comment, String value) {
        Grid g = grid.get();
        GridTable.Row row = selectedRow.get();
        GridTable.Entry e = selected.get();
        if (g == null || row == null || e == null || e.cell() == null) return;
        tasks.task("feedback", () -> grids.get().service().feedback(g.id(), row.document().id(), e.variable().name(), correct, comment,
                value, GridService.reviewer())).onSuccess(id -> {
                    notice.set(Messages.get(correct ? "grid.marked.correct" : "grid.marked.wrong"));
                    reload();
                }).onError(error::set).start();
    }

    /** Sets the reviewer's own value for the selected cell; a blank value removes the override. */
    public void override(String value) {
        Grid g = grid.get();
        GridTable.Row row = selectedRow.get();
        GridTable.Entry e = selected.get();
        if (g == null || row == null || e == null) return;
        tasks.task("override", () -> {
            if (value == null || value.isBlank()) grids.get().service().clearOverride(g.id(), row.document().id(), e.variable().name());
            else grids.get().service().override(g.id(), row.document().id(), e.variable().name(), value.strip(), GridService.reviewer());
            return true;
        }).onSuccess(x -> reload()).onError(error::set).start();
    }

    public void refine() {
        Grid g = grid.get();
        if (g == null) return;
        boolean off = offline.get();
        tasks.task("refine", () -> grids.get().service().refine(g.id(), off)).onSuccess(list -> {
            notice.set(list.isEmpty() ? Messages.get("grid.refine.none")
                    : Messages.format("grid.refine.done", String.join(", ", list.stream().map(r -> r.variable() + " v" + r.toVersion()).toList())));
            reload();
            GridTable.Entry e = selected.get();
            if (e != null) select(selectedRow.get(), e);
        }).onError(error::set).start();
    }

    /** Creates a grid over every document of the matter and shows it. */
    public void createGrid(String name, List<VariableSpec> variables) {
        tasks.task("create grid", () -> grids.get().service().create(new GridService.NewGrid(name, null, null, DocumentSet.all(), variables, null)))
                .onSuccess(g -> {
                    gridList.add(g);
                    show(g);
                }).onError(error::set).start();
    }

    /** What adding a question's column did: the grid it went into, the column's name there, and whether the grid is new. */
    public record QuestionColumn(Grid grid, String variable, boolean created) {}

    /**
     * "Make it a grid column" from the Ask pane: adds the column to the matter's grid of questions over every document
     * (created on first use; a new grid when that one is in a full run), shows that grid and starts its run. A grid
     * whose schema just changed is SCHEMA_DEFINED, and GridStatus allows a full run only after a sample: so this runs
     * the sample, and the reviewer checks it and presses Run all. A taken name gets a suffix (_2, _3…).
     */
    public void addQuestionColumn(VariableSpec spec) {
        if (spec == null) return;
        String gridName = Messages.get("grid.fromAsk.name");
        tasks.task("grid column from a question", () -> addQuestionColumn(grids.get().service(), gridName, spec))
                .onSuccess(done -> {
                    if (gridList.stream().noneMatch(x -> x.id() == done.grid().id())) gridList.add(done.grid());
                    selectedRow.set(null);
                    selected.set(null);
                    show(done.grid());
                    notice.set(Messages.format("grid.fromAsk.added", done.variable(), done.grid().name()));
                    if (running.get()) return; // another grid's run is going: this one waits for Run sample
                    runSample();
                }).onError(error::set).start();
    }

    /** Blocking part of {@link #addQuestionColumn(VariableSpec)}: picks or creates the grid and adds the column. */
    static QuestionColumn addQuestionColumn(GridService s, String gridName, VariableSpec spec) {
        Grid target = s.grids().stream()
                .filter(g -> g.name().equals(gridName) && g.documentSet() == DocumentSet.Kind.ALL
                        && g.status() != dev.quarry.extraction.GridStatus.PROCESSING)
                .reduce((a, b) -> b).orElse(null);
        java.util.Set<String> taken = target == null ? java.util.Set.of()
                : s.variables(target.id()).stream().map(v -> v.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        String name = spec.name();
        for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)); i++) name = spec.name() + "_" + i;
        VariableSpec v = new VariableSpec(name, spec.type(), spec.instructions(), spec.categories(), spec.allowMultiple(), spec.allowOther());
        if (target == null) {
            Grid g = s.create(new GridService.NewGrid(gridName, null, null, DocumentSet.all(), List.of(v), null));
            return new QuestionColumn(g, name, true);
        }
        s.addVariable(target.id(), v);
        return new QuestionColumn(s.grid(target.id()), name, false);
    }

    /** Adds a column to the shown grid, or changes the one of that name. */
    public void saveVariable(String existingName, VariableSpec spec) {
        Grid g = grid.get();
        if (g == null) return;
        tasks.task("save variable", () -> existingName == null ? grids.get().service().addVariable(g.id(), spec)
                : grids.get().service().editVariable(g.id(), existingName, spec)).onSuccess(v -> reload()).onError(error::set).start();
    }

    public void runSample() {
        Integer n = sampleSize.get();
        run(RunKind.SAMPLE, n == null ? 20 : n);
    }

    public void runAll() {
        run(RunKind.FULL, 0);
    }

    private void run(RunKind kind, int n) {
        Grid g = grid.get();
        if (g == null || running.get()) return;
        boolean off = offline.get();
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        progress.set(0);
        progressText.set(Messages.get("grid.run.starting"));
        tasks.task("grid run", () -> {
            Grids gr = grids.get();
            GridService s = gr.service();
            GridRun run = s.unfinished(g.id(), kind).orElse(null);
            if (run == null) {
                run = s.plan(g.id(), kind == RunKind.SAMPLE ? GridService.RunRequest.sample(n, off) : GridService.RunRequest.all(off));
            }
            GridRunner.Report r = gr.runner(run.mode(), null).run(run.id(), this::onProgress, token);
            RunComparison cmp = kind == RunKind.SAMPLE ? RunComparison.of(s, run.id()) : null;
            return new Object[] {r, cmp};
        }).onSuccess(x -> {
            GridRunner.Report r = (GridRunner.Report) x[0];
            RunComparison cmp = (RunComparison) x[1];
            String done = Messages.format(r.status() == JobStatus.COMPLETED ? "grid.run.completed" : "grid.run.cancelled",
                    r.cellsDone(), r.cellsTotal(), r.errors());
            notice.set(cmp == null || cmp.previousRunId() == null ? done : done + "  " + String.join("; ", cmp.lines().subList(1, cmp.lines().size())));
            reload();
            load();
        }).onError(error::set).onFinally(() -> running.set(false)).start();
    }

    private void onProgress(JobProgress p) {
        double f = p.fraction();
        String eta = p.eta() == null ? "" : String.format(" · ETA %d:%02d", p.eta().toMinutes(), p.eta().toSecondsPart());
        String text = Messages.format("grid.run.progress", p.itemsDone() + p.itemsFailed(), p.itemsTotal(),
                String.format("%.1f", p.itemsPerSecond())) + eta;
        tasks.onUi(() -> {
            progress.set(f);
            progressText.set(text);
        });
    }

    /** Writes the shown grid: "csv-long", "csv-wide" (with confidence and quotes) or "xlsx" (Data, Codebook, Quality). */
    public void export(String format, java.nio.file.Path file) {
        Grid g = grid.get();
        if (g == null || file == null) return;
        tasks.task("export grid", () -> {
            GridTable t = grids.get().service().table(g.id());
            switch (format) {
                case "csv-long" -> dev.quarry.export.CsvExport.write(dev.quarry.extraction.GridExport.longTable(t), file);
                case "csv-wide" -> dev.quarry.export.CsvExport.write(dev.quarry.extraction.GridExport.wideTable(t, true, true, false), file);
                default -> dev.quarry.export.XlsxExport.write(List.of(dev.quarry.extraction.GridExport.wideTable(t, true, true, true),
                        dev.quarry.extraction.GridExport.codebook(t), dev.quarry.extraction.GridExport.quality(t)), file);
            }
            grids.get().service().matter().audit().record("grid.exported", "grid", String.valueOf(g.id()),
                    java.util.Map.of("format", format, "file", file.toAbsolutePath().toString()));
            return file;
        }).onSuccess(f -> notice.set(Messages.format("grid.exported", f.getFileName()))).onError(error::set).start();
    }

    public void cancelRun() {
        CancelToken t = cancel;
        if (t != null) t.cancel();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A cell as the grid shows it: value (or "not stated" / "error" / "…") and confidence. */
    public static String cellText(GridTable.Entry e) {
        if (e == null) return "";
        if (e.override() != null) return e.value();
        if (e.cell() == null) return "…";
        if (e.cell().isError()) return Messages.get("grid.cell.error");
        if (e.value() == null || e.value().isEmpty()) return Messages.get("grid.cell.notStated");
        return e.value();
    }

    public static String confidenceText(GridTable.Entry e) {
        Double c = e == null ? null : e.confidence();
        return c == null || e.cell() == null && e.override() == null ? "" : String.format("%.2f", c);
    }
}
