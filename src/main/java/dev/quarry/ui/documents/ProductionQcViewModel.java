package dev.quarry.ui.documents;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.documents.qc.ProductionQc;
import dev.quarry.documents.qc.QcFinding;
import dev.quarry.documents.qc.QcKind;
import dev.quarry.documents.qc.QcReport;
import dev.quarry.documents.qc.QcRepository.Production;
import dev.quarry.export.TableWriter;
import dev.quarry.ui.common.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The production quality panel of the Documents pane: the matter's productions, the stored report of the
 * one chosen (its findings), a re-check and an export. Disk and database work runs on the task runner;
 * nothing here waits on the FX thread.
 */
public final class ProductionQcViewModel {
    private final TaskRunner tasks;
    private final ProductionQc qc;
    private final ObservableList<Production> productions = FXCollections.observableArrayList();
    private final ObjectProperty<Production> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<QcReport> report = new SimpleObjectProperty<>();
    private final ObservableList<QcFinding> findings = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    private final StringProperty exported = new SimpleStringProperty("");

    public ProductionQcViewModel(TaskRunner tasks, ProductionQc qc) {
        this.tasks = tasks;
        this.qc = qc;
        selected.addListener((o, a, b) -> loadReport(b));
    }

    public ObservableList<Production> productions() { return productions; }
    public ObjectProperty<Production> selected() { return selected; }
    public ObjectProperty<QcReport> report() { return report; }
    public ObservableList<QcFinding> findings() { return findings; }
    public StringProperty summary() { return summary; }
    public BooleanProperty busy() { return busy; }
    public ObjectProperty<UserError> error() { return error; }
    public StringProperty exported() { return exported; }

    /** Reloads the productions (after an import), keeping the one chosen, else choosing the newest. */
    public void refresh() {
        tasks.task("productions", qc::productions).onSuccess(list -> {
            Long keep = selected.get() == null ? null : selected.get().id();
            productions.setAll(list);
            Production pick = list.stream().filter(p -> keep != null && p.id() == keep).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(list.size() - 1));
            if (pick == null || selected.get() != null && pick.id() == selected.get().id()) {
                selected.set(pick);
                loadReport(pick);
            } else {
                selected.set(pick);
            }
        }).onError(error::set).start();
    }

    private void loadReport(Production p) {
        if (p == null) {
            show(null, null);
            return;
        }
        tasks.task("qc-report", () -> qc.stored(p.id())).onSuccess(r -> show(p, r.orElse(null))).onError(error::set).start();
    }

    /** Runs the check again on the chosen production and shows (and stores) the new report. */
    public void checkAgain() {
        Production p = selected.get();
        if (p == null || busy.get()) return;
        busy.set(true);
        error.set(null);
        tasks.task("qc-run", () -> qc.run(p.id())).onSuccess(r -> show(p, r)).onError(error::set)
                .onFinally(() -> busy.set(false)).start();
    }

    /** Writes the shown report to {@code file}, as CSV or XLSX by its extension (CSV when it has neither). */
    public void export(Path file) {
        QcReport r = report.get();
        if (r == null) return;
        TableWriter.Format format = Optional.ofNullable(TableWriter.Format.forFile(file)).orElse(TableWriter.Format.CSV);
        tasks.task("qc-export", () -> {
            ProductionQc.export(r, file, format);
            return file;
        }).onSuccess(f -> exported.set(Messages.format("qc.exported", f.toString()))).onError(error::set).start();
    }

    private void show(Production p, QcReport r) {
        report.set(r);
        findings.setAll(r == null ? List.of() : r.findings());
        summary.set(summaryOf(p, r));
    }

    /** "62 documents, 1,256 pages: no findings" or the count per kind. */
    static String summaryOf(Production p, QcReport r) {
        if (p == null) return Messages.get("qc.noProductions");
        if (r == null) return Messages.get("qc.notChecked");
        if (r.findings().isEmpty()) return Messages.format("qc.clean", r.documents(), r.pages());
        StringBuilder kinds = new StringBuilder();
        for (QcKind k : QcKind.values()) {
            long n = r.count(k);
            if (n == 0) continue;
            if (kinds.length() > 0) kinds.append(", ");
            kinds.append(n).append(' ').append(kindLabel(k));
        }
        return Messages.format("qc.summary", r.documents(), r.pages(), r.findings().size(), kinds.toString());
    }

    static String kindLabel(QcKind k) {
        return Messages.get("qc.kind." + k.id());
    }
}
