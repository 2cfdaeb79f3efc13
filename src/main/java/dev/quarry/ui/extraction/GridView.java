package dev.quarry.ui.extraction;

import dev.quarry.evidence.ValueType;
import dev.quarry.extraction.Grid;
import dev.quarry.extraction.GridTable;
import dev.quarry.extraction.PromptVersion;
import dev.quarry.extraction.Variable;
import dev.quarry.extraction.VariableSpec;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Messages;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.css.PseudoClass;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Extraction pane (views in code, ADR 0006): the grid as a virtualised table, documents × variables, each cell
 * its value and confidence (low confidence, review and error marked); a click selects a cell and shows its quote,
 * a double click (or "Show in document") opens the viewer on it, highlighted. Beside it: review (right / wrong with
 * a comment or the right value, override), the variable's prompt history, refine; above it: the grid, its columns,
 * the filter, and sample / run all with progress in cells and cancel.
 */
public final class GridView extends BorderPane {
    private final GridViewModel vm;
    private final TableView<GridTable.Row> table = new TableView<>();
    private final Label cellTitle = new Label();
    private final Label cellValue = new Label();
    private final Label cellMeta = new Label();
    private final TextArea quote = new TextArea();
    private final TextField comment = new TextField();
    private final TextField rightValue = new TextField();
    private final TextField overrideValue = new TextField();

    public GridView(GridViewModel vm) {
        this.vm = vm;
        getStyleClass().add("grid-pane");
        setTop(new VBox(toolbar(), runBar(), new ErrorBar(vm.error())));
        StackPane center = new StackPane(tableArea(), empty());
        SplitPane split = new SplitPane(center, detail());
        split.setDividerPositions(0.72);
        setCenter(split);
        vm.table().addListener((o, a, t) -> rebuildColumns(t));
        table.setItems(vm.rows());
    }

    private HBox toolbar() {
        Label title = new Label(Messages.get("nav.extraction"));
        title.getStyleClass().add("pane-title");
        ComboBox<Grid> grids = new ComboBox<>(vm.grids());
        grids.setId("grid-choice");
        grids.setPromptText(Messages.get("grid.choose"));
        grids.setConverter(new StringConverter<>() {
            @Override
            public String toString(Grid g) {
                return g == null ? "" : g.name() + "  ·  " + Messages.get("grid.status." + g.status().name());
            }

            @Override
            public Grid fromString(String s) {
                return null;
            }
        });
        grids.valueProperty().bindBidirectional(vm.grid());
        grids.setOnAction(e -> {
            Grid g = grids.getValue();
            if (g != null && (vm.table().get() == null || vm.table().get().grid().id() != g.id())) vm.show(g);
        });
        Button newGrid = new Button(Messages.get("grid.new"), new FontIcon(Feather.PLUS));
        newGrid.setId("grid-new");
        newGrid.setOnAction(e -> newGridDialog());
        Button addColumn = new Button(Messages.get("grid.addColumn"), new FontIcon(Feather.COLUMNS));
        addColumn.setId("grid-add-column");
        addColumn.disableProperty().bind(vm.grid().isNull().or(vm.running()));
        addColumn.setOnAction(e -> variableDialog(null).ifPresent(spec -> vm.saveVariable(null, spec)));
        TextField filter = new TextField();
        filter.setId("grid-filter");
        filter.setPromptText(Messages.get("grid.filter"));
        filter.textProperty().bindBidirectional(vm.filter());
        CheckBox low = new CheckBox(Messages.get("grid.lowConfidence"));
        low.setId("grid-low-confidence");
        low.selectedProperty().bindBidirectional(vm.lowConfidenceOnly());
        Spinner<Double> threshold = new Spinner<>(0.0, 1.0, vm.threshold().get(), 0.05);
        threshold.setPrefWidth(80);
        threshold.setEditable(true);
        threshold.valueProperty().addListener((o, a, b) -> vm.threshold().set(b));
        vm.threshold().addListener((o, a, b) -> threshold.getValueFactory().setValue(b.doubleValue()));
        javafx.scene.control.MenuButton export = new javafx.scene.control.MenuButton(Messages.get("grid.export"), new FontIcon(Feather.DOWNLOAD));
        export.setId("grid-export");
        export.disableProperty().bind(vm.grid().isNull());
        for (String f : List.of("xlsx", "csv-wide", "csv-long")) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(Messages.get("grid.export." + f));
            item.setOnAction(e -> {
                javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
                String ext = f.equals("xlsx") ? ".xlsx" : ".csv";
                fc.setInitialFileName(vm.grid().get().name().replaceAll("[^A-Za-z0-9_-]+", "_") + (f.equals("csv-long") ? "-long" : "") + ext);
                java.io.File file = fc.showSaveDialog(getScene().getWindow());
                if (file != null) vm.export(f, file.toPath());
            });
            export.getItems().add(item);
        }
        HBox bar = new HBox(8, title, grids, newGrid, addColumn, spacer(), filter, low, threshold, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        return bar;
    }

    private HBox runBar() {
        Spinner<Integer> n = new Spinner<>(1, 10_000, vm.sampleSize().get());
        n.setId("grid-sample-size");
        n.setPrefWidth(90);
        n.setEditable(true);
        n.valueProperty().addListener((o, a, b) -> vm.sampleSize().set(b));
        Button sample = new Button(Messages.get("grid.runSample"), new FontIcon(Feather.PLAY));
        sample.setId("grid-run-sample");
        sample.setOnAction(e -> vm.runSample());
        Button all = new Button(Messages.get("grid.runAll"), new FontIcon(Feather.FAST_FORWARD));
        all.setId("grid-run-all");
        all.setOnAction(e -> vm.runAll());
        sample.disableProperty().bind(vm.grid().isNull().or(vm.running()));
        all.disableProperty().bind(vm.grid().isNull().or(vm.running()));
        CheckBox offline = new CheckBox(Messages.get("grid.offline"));
        offline.setId("grid-offline");
        offline.selectedProperty().bindBidirectional(vm.offline());
        ProgressBar bar = new ProgressBar();
        bar.setId("grid-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progress());
        bar.visibleProperty().bind(vm.running());
        Label text = new Label();
        text.setId("grid-progress-text");
        text.textProperty().bind(Bindings.when(vm.running()).then(vm.progressText()).otherwise(vm.notice()));
        text.getStyleClass().add("field-label");
        Button cancel = new Button(Messages.get("grid.cancel"), new FontIcon(Feather.X));
        cancel.setId("grid-cancel");
        cancel.visibleProperty().bind(vm.running());
        cancel.setOnAction(e -> vm.cancelRun());
        Label sampleLabel = new Label(Messages.get("grid.sampleOf"));
        HBox box = new HBox(8, sampleLabel, n, sample, all, offline, bar, cancel, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 16, 6, 16));
        box.getStyleClass().add("grid-run-bar");
        return box;
    }

    private Region tableArea() {
        table.setId("grid-table");
        table.getStyleClass().add("grid-table");
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.setPlaceholder(new Label(Messages.get("grid.noRows")));
        table.getSelectionModel().getSelectedCells().addListener((javafx.collections.ListChangeListener<javafx.scene.control.TablePosition>) c -> {
            var cells = table.getSelectionModel().getSelectedCells();
            if (cells.isEmpty()) return;
            var pos = cells.get(0);
            GridTable.Row row = table.getItems().get(pos.getRow());
            Object v = pos.getTableColumn() == null ? null : pos.getTableColumn().getUserData();
            if (v instanceof Variable var) vm.select(row, row.entry(var.name()));
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) vm.openSelected();
        });
        table.visibleProperty().bind(vm.grid().isNotNull());
        return table;
    }

    private VBox empty() {
        Label icon = new Label(null, new FontIcon(Feather.GRID));
        icon.getStyleClass().add("empty-icon");
        Label text = new Label(Messages.get("grid.empty"));
        text.setWrapText(true);
        text.setMaxWidth(420);
        Button create = new Button(Messages.get("grid.new"), new FontIcon(Feather.PLUS));
        create.setOnAction(e -> newGridDialog());
        VBox box = new VBox(12, icon, text, create);
        box.setAlignment(Pos.CENTER);
        box.visibleProperty().bind(vm.grid().isNull());
        return box;
    }

    private String shape;

    /** Rebuilds the columns when the grid's shape changed (other grid, columns, prompt versions); else repaints the cells. */
    private void rebuildColumns(GridTable t) {
        String now = t == null ? null : t.grid().id() + "|" + t.grid().givenColumns() + "|" + String.join(",",
                t.variables().stream().map(v -> v.name() + ":" + v.type() + ":" + (t.latestPrompt(v) == null ? 0 : t.latestPrompt(v).version())).toList());
        if (java.util.Objects.equals(now, shape)) {
            table.refresh();
            return;
        }
        shape = now;
        table.getColumns().clear();
        if (t == null) return;
        TableColumn<GridTable.Row, String> file = new TableColumn<>(Messages.get("grid.column.document"));
        file.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().document().fileName()));
        file.setPrefWidth(240);
        table.getColumns().add(file);
        for (String given : t.grid().givenColumns()) {
            TableColumn<GridTable.Row, String> g = new TableColumn<>(given);
            g.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().document().fields().get(given)));
            g.getStyleClass().add("given-column");
            g.setPrefWidth(110);
            table.getColumns().add(g);
        }
        for (Variable v : t.variables()) {
            TableColumn<GridTable.Row, GridTable.Entry> col = new TableColumn<>(v.name());
            col.setUserData(v);
            col.setId("grid-col-" + v.name());
            col.setPrefWidth(170);
            col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().entry(v.name())));
            col.setComparator(Comparator.comparing((GridTable.Entry e) -> sortKey(e)));
            col.setCellFactory(c -> new EntryCell(vm));
            PromptVersion p = t.latestPrompt(v);
            Label head = new Label(v.name());
            head.setTooltip(new Tooltip(v.type() + " · v" + (p == null ? 0 : p.version()) + "\n" + v.instructions()));
            col.setText(null);
            col.setGraphic(head);
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
            javafx.scene.control.MenuItem edit = new javafx.scene.control.MenuItem(Messages.get("grid.editColumn"));
            edit.setOnAction(e -> variableDialog(v).ifPresent(spec -> vm.saveVariable(v.name(), spec)));
            menu.getItems().add(edit);
            col.setContextMenu(menu);
            table.getColumns().add(col);
        }
    }

    private static String sortKey(GridTable.Entry e) {
        if (e == null || e.value() == null) return "\uffff";
        String v = e.value();
        if (v.matches("-?\\d+(\\.\\d+)?")) return String.format("%020.6f", Double.parseDouble(v) + 1e12);
        return v.toLowerCase();
    }

    /**
     * One grid cell: value, confidence, and a state for low confidence, review, error and overrides. The
     * states are pseudo-classes, not style classes: a cell scrolled onto another row changes them without
     * restyling its nodes from scratch, which keeps a 2,000 × 15 grid scrolling smoothly (GridScrollBench).
     */
    static final class EntryCell extends TableCell<GridTable.Row, GridTable.Entry> {
        static final PseudoClass LOW = PseudoClass.getPseudoClass("low");
        static final PseudoClass REVIEW = PseudoClass.getPseudoClass("review");
        static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
        static final PseudoClass OVERRIDE = PseudoClass.getPseudoClass("override");
        static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
        static final PseudoClass NOT_STATED = PseudoClass.getPseudoClass("not-stated");
        private final GridViewModel vm;
        private final Label confidence = new Label();

        EntryCell(GridViewModel vm) {
            this.vm = vm;
            // The value is the cell's own text and the confidence its graphic: two nodes a cell, not four.
            getStyleClass().add("entry-cell");
            confidence.getStyleClass().add("cell-confidence");
            setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            setGraphicTextGap(6);
        }

        @Override
        protected void updateItem(GridTable.Entry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setText(null);
                setGraphic(null);
                states(null, false);
                return;
            }
            setText(GridViewModel.cellText(e));
            String c = GridViewModel.confidenceText(e);
            confidence.setText(c);
            setGraphic(c == null || c.isEmpty() ? null : confidence);
            states(e, e.override() == null && e.confidence() != null && e.confidence() < vm.threshold().get());
        }

        private void states(GridTable.Entry e, boolean low) {
            String status = e == null ? null : e.status();
            boolean override = e != null && e.override() != null;
            boolean pending = e != null && !override && e.cell() == null;
            boolean plain = e != null && !override && !pending;
            pseudoClassStateChanged(OVERRIDE, override);
            pseudoClassStateChanged(PENDING, pending);
            pseudoClassStateChanged(ERROR, plain && "error".equals(status));
            pseudoClassStateChanged(REVIEW, plain && "review".equals(status));
            pseudoClassStateChanged(NOT_STATED, plain && "not_stated".equals(status));
            pseudoClassStateChanged(LOW, low);
        }
    }

    private ScrollPane detail() {
        cellTitle.getStyleClass().add("card-title");
        cellTitle.setId("grid-cell-title");
        cellTitle.setWrapText(true);
        cellValue.setId("grid-cell-value");
        cellValue.getStyleClass().add("grid-cell-big");
        cellValue.setWrapText(true);
        cellMeta.getStyleClass().add("field-label");
        cellMeta.setWrapText(true);
        quote.setId("grid-cell-quote");
        quote.setEditable(false);
        quote.setWrapText(true);
        quote.setPrefRowCount(5);
        Button open = new Button(Messages.get("grid.showInDocument"), new FontIcon(Feather.EYE));
        open.setId("grid-open-quote");
        open.setOnAction(e -> vm.openSelected());
        Button right = new Button(Messages.get("grid.markCorrect"), new FontIcon(Feather.CHECK));
        right.setId("grid-mark-correct");
        right.setOnAction(e -> vm.markCorrect());
        comment.setId("grid-comment");
        comment.setPromptText(Messages.get("grid.comment"));
        rightValue.setId("grid-right-value");
        rightValue.setPromptText(Messages.get("grid.rightValue"));
        Button wrong = new Button(Messages.get("grid.markWrong"), new FontIcon(Feather.X_CIRCLE));
        wrong.setId("grid-mark-wrong");
        wrong.setOnAction(e -> {
            vm.markWrong(comment.getText(), rightValue.getText());
            comment.clear();
            rightValue.clear();
        });
        overrideValue.setId("grid-override-value");
        overrideValue.setPromptText(Messages.get("grid.overridePrompt"));
        Button override = new Button(Messages.get("grid.override"), new FontIcon(Feather.EDIT_2));
        override.setId("grid-override");
        override.setOnAction(e -> vm.override(overrideValue.getText()));
        Button refine = new Button(Messages.get("grid.refine"), new FontIcon(Feather.REFRESH_CW));
        refine.setId("grid-refine");
        refine.disableProperty().bind(vm.grid().isNull().or(vm.running()));
        refine.setOnAction(e -> vm.refine());
        ListView<PromptVersion> history = new ListView<>(vm.history());
        history.setId("grid-prompt-history");
        history.setPrefHeight(160);
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PromptVersion p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText("v" + p.version() + " · " + Messages.get("grid.origin." + p.origin()) + " · " + p.examples().size() + " "
                        + Messages.get("grid.examples") + (p.note() == null ? "" : "\n" + p.note()));
                setWrapText(true);
                setTooltip(new Tooltip(p.promptText()));
            }
        });
        HBox verdict = new HBox(8, right, wrong);
        HBox over = new HBox(8, overrideValue, override);
        HBox.setHgrow(overrideValue, Priority.ALWAYS);
        VBox review = new VBox(8, cellTitle, cellValue, cellMeta, quote, open, new Label(Messages.get("grid.review")), verdict, comment,
                rightValue, over);
        review.disableProperty().bind(vm.selected().isNull());
        Label hist = new Label(Messages.get("grid.promptHistory"));
        hist.getStyleClass().add("section-title");
        VBox box = new VBox(10, review, hist, history, refine);
        box.setPadding(new Insets(16));
        box.getStyleClass().add("grid-detail");
        vm.selected().addListener((o, a, e) -> showEntry(e));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(300);
        return scroll;
    }

    private void showEntry(GridTable.Entry e) {
        GridTable.Row row = vm.selectedRow().get();
        if (e == null || row == null) {
            cellTitle.setText(Messages.get("grid.selectCell"));
            cellValue.setText("");
            cellMeta.setText("");
            quote.setText("");
            return;
        }
        cellTitle.setText(row.document().fileName() + " · " + e.variable().name());
        cellValue.setText(GridViewModel.cellText(e));
        var c = e.cell();
        StringBuilder meta = new StringBuilder();
        if (e.confidence() != null) meta.append(Messages.format("grid.meta.confidence", String.format("%.2f", e.confidence())));
        if (c != null) {
            meta.append(" · ").append(Messages.get("grid.status.cell." + c.status())).append(" · v").append(c.promptVersion());
            if (c.method() != null) meta.append(" · ").append(c.method());
            if (c.page() != null) meta.append(" · ").append(Messages.format("grid.meta.page", c.page()));
            if (c.quote() != null && !c.quoteVerified()) meta.append(" · ").append(Messages.get("grid.meta.unverified"));
            if (c.error() != null) meta.append("\n").append(c.error());
        }
        if (e.override() != null) meta.append(" · ").append(Messages.format("grid.meta.overridden", e.override().reviewer()));
        if (e.feedback() != null) {
            meta.append(" · ").append(Messages.get(e.feedback().correct() ? "grid.meta.markedRight" : "grid.meta.markedWrong"));
        }
        cellMeta.setText(meta.toString());
        quote.setText(c == null ? "" : c.quote() != null ? c.quote() : c.proof() != null && "not_stated".equals(c.status())
                ? Messages.get("grid.proof") : "");
        overrideValue.setText(e.override() == null ? "" : e.override().value());
    }

    private void newGridDialog() {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(Messages.get("grid.new"));
        TextField name = new TextField();
        name.setPromptText(Messages.get("grid.name"));
        d.getDialogPane().setContent(new VBox(8, new Label(Messages.get("grid.name")), name, new Label(Messages.get("grid.newHint"))));
        d.getDialogPane().getButtonTypes().addAll(new ButtonType(Messages.get("grid.next"), ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        Optional<ButtonType> r = d.showAndWait();
        if (r.isEmpty() || r.get().getButtonData() != ButtonBar.ButtonData.OK_DONE || name.getText().isBlank()) return;
        variableDialog(null).ifPresent(spec -> vm.createGrid(name.getText().strip(), List.of(spec)));
    }

    /** The variable editor: name, type, instructions, categories (CATEGORY), multiple / other. */
    private Optional<VariableSpec> variableDialog(Variable v) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(Messages.get(v == null ? "grid.addColumn" : "grid.editColumn"));
        TextField name = new TextField(v == null ? "" : v.name());
        ChoiceBox<ValueType> type = new ChoiceBox<>();
        type.getItems().addAll(ValueType.values());
        type.setValue(v == null ? ValueType.TEXT : v.type());
        TextArea instructions = new TextArea(v == null ? "" : v.instructions());
        instructions.setWrapText(true);
        instructions.setPrefRowCount(5);
        TextField categories = new TextField(v == null ? "" : String.join("; ", v.categories()));
        categories.disableProperty().bind(type.valueProperty().isNotEqualTo(ValueType.CATEGORY));
        CheckBox multiple = new CheckBox(Messages.get("grid.allowMultiple"));
        CheckBox other = new CheckBox(Messages.get("grid.allowOther"));
        multiple.setSelected(v != null && v.allowMultiple());
        other.setSelected(v != null && v.allowOther());
        multiple.disableProperty().bind(categories.disableProperty());
        other.disableProperty().bind(categories.disableProperty());
        Label problems = new Label();
        problems.getStyleClass().add("field-problem");
        problems.setWrapText(true);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label(Messages.get("grid.var.name")), name);
        form.addRow(1, new Label(Messages.get("grid.var.type")), type);
        form.addRow(2, new Label(Messages.get("grid.var.instructions")), instructions);
        form.addRow(3, new Label(Messages.get("grid.var.categories")), categories);
        form.addRow(4, new Label(), new HBox(12, multiple, other));
        form.add(problems, 0, 5, 2, 1);
        form.setPrefWidth(520);
        d.getDialogPane().setContent(form);
        ButtonType save = new ButtonType(Messages.get("grid.save"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        VariableSpec[] out = new VariableSpec[1];
        d.getDialogPane().lookupButton(save).addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            VariableSpec spec = new VariableSpec(name.getText(), type.getValue(), instructions.getText(),
                    Arrays.stream(categories.getText().split("[;,]")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                    multiple.isSelected() && type.getValue() == ValueType.CATEGORY, other.isSelected() && type.getValue() == ValueType.CATEGORY);
            List<String> p = spec.problems();
            if (!p.isEmpty()) {
                problems.setText(String.join("\n", p));
                ev.consume();
            } else {
                out[0] = spec;
            }
        });
        Optional<ButtonType> r = d.showAndWait();
        return r.isPresent() && r.get() == save ? Optional.ofNullable(out[0]) : Optional.empty();
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** For tests: the table. */
    public TableView<GridTable.Row> table() {
        return table;
    }
}
