package dev.quarry.ui.documents;

import dev.quarry.documents.qc.QcFinding;
import dev.quarry.documents.qc.QcKind;
import dev.quarry.documents.qc.QcRepository.Production;
import dev.quarry.ui.common.Columns;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The production quality panel under the documents table: a production chooser, the summary of its
 * last check, "Check again" and "Export…", and the findings (kind, Bates range, sentence).
 */
public final class ProductionQcView extends VBox {
    private final ProductionQcViewModel vm;

    public ProductionQcView(ProductionQcViewModel vm) {
        this.vm = vm;
        setId("qc-panel");
        getStyleClass().add("qc-panel");
        getChildren().addAll(header(), new ErrorBar(vm.error()), table());
    }

    private HBox header() {
        Label title = new Label(Messages.get("qc.title"));
        title.getStyleClass().add("jobs-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<Production> chooser = new ComboBox<>(vm.productions());
        chooser.setId("qc-production");
        chooser.valueProperty().bindBidirectional(vm.selected());
        chooser.setButtonCell(new ProductionCell());
        chooser.setCellFactory(l -> new ProductionCell());
        chooser.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("qc-summary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(vm.summary());
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        Label exported = new Label();
        exported.getStyleClass().addAll("text-muted", "text-small");
        exported.textProperty().bind(vm.exported());
        Button again = new Button(Messages.get("qc.checkAgain"), new FontIcon(Feather.REFRESH_CW));
        again.setId("qc-check");
        again.setMinWidth(Region.USE_PREF_SIZE);
        again.disableProperty().bind(vm.busy().or(vm.selected().isNull()));
        again.setOnAction(e -> vm.checkAgain());
        Button export = new Button(Messages.get("qc.export"), new FontIcon(Feather.DOWNLOAD));
        export.setId("qc-export");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.disableProperty().bind(vm.report().isNull());
        export.setOnAction(e -> chooseExport());
        HBox bar = new HBox(10, title, chooser, summary, exported, again, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("qc-toolbar");
        return bar;
    }

    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("qc.export"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Excel (*.xlsx)", "*.xlsx"),
                new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"));
        Production p = vm.selected().get();
        chooser.setInitialFileName((p == null ? "production" : p.name().replaceAll("[\\\\/:*?\"<>|]", "_")) + " QC.xlsx");
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) vm.export(f.toPath());
    }

    private TableView<QcFinding> table() {
        TableView<QcFinding> table = new TableView<>(vm.findings());
        table.setId("qc-findings");
        table.getStyleClass().addAll("striped", "dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label();
        empty.textProperty().bind(vm.summary());
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        TableColumn<QcFinding, QcKind> kind = column("qc.col.kind", QcFinding::kind, 170);
        kind.setCellFactory(c -> new TableCell<>() {
            private final Label pill = new Label();

            @Override
            protected void updateItem(QcKind k, boolean isEmpty) {
                super.updateItem(k, isEmpty);
                if (isEmpty || k == null) {
                    setGraphic(null);
                    return;
                }
                pill.setText(ProductionQcViewModel.kindLabel(k));
                pill.getStyleClass().setAll("label", "qc-kind", "qc-kind-" + k.id().replace('_', '-'));
                setGraphic(pill);
            }
        });
        TableColumn<QcFinding, String> bates = column("qc.col.bates", f -> Formats.batesRange(f.batesBegin(), f.batesEnd()), 220);
        TableColumn<QcFinding, String> detail = column("qc.col.detail", QcFinding::detail, 700);
        detail.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean isEmpty) {
                super.updateItem(v, isEmpty);
                setText(isEmpty ? null : v);
                setTooltip(isEmpty || v == null ? null : new Tooltip(v));
            }
        });
        table.getColumns().add(kind);
        table.getColumns().add(bates);
        table.getColumns().add(detail);
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    private static <T> TableColumn<QcFinding, T> column(String key, Function<QcFinding, T> value, double width) {
        TableColumn<QcFinding, T> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return Columns.keepHeader(c);
    }

    private static final class ProductionCell extends ListCell<Production> {
        @Override
        protected void updateItem(Production p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name());
        }
    }
}
