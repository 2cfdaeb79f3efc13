package dev.quarry.ui.deficiency;

import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Messages;
import java.io.File;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Deficiency pane: the inputs and the run on top with the report's summary, the requests table on the
 * left, the selected request's detail on the right (the request, the response with its objections marked,
 * the evidence and missing lists opening the viewer, override and notes) and "Draft letter".
 */
public final class DeficiencyView extends BorderPane {
    private final DeficiencyViewModel vm;
    private final TableView<DeficiencyViewModel.Row> table = new TableView<>();
    private final VBox detail = new VBox(10);

    public DeficiencyView(DeficiencyViewModel vm, Runnable draftLetter) {
        this.vm = vm;
        getStyleClass().add("deficiency-pane");
        Label title = new Label(Messages.get("nav.deficiency"));
        title.getStyleClass().add("pane-title");

        Button rfp = fileButton("deficiency-requests", "deficiency.requests", vm.requests());
        Button resp = fileButton("deficiency-responses", "deficiency.responses", vm.responses());
        ComboBox<String> production = new ComboBox<>(vm.productions());
        production.setId("deficiency-production");
        production.setPromptText(Messages.get("deficiency.production"));
        production.valueProperty().bindBidirectional(vm.production());
        ListView<String> known = new ListView<>(vm.productions());
        known.setId("deficiency-known");
        known.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        known.setPrefHeight(64);
        known.setPrefWidth(200);
        known.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<String>) c ->
                vm.known().setAll(known.getSelectionModel().getSelectedItems()));
        known.setTooltip(new javafx.scene.control.Tooltip(Messages.get("deficiency.known")));
        CheckBox offline = new CheckBox(Messages.get("deficiency.offline"));
        offline.setId("deficiency-offline");
        offline.selectedProperty().bindBidirectional(vm.offline());
        Button run = new Button(Messages.get("deficiency.run"), new FontIcon(Feather.PLAY));
        run.setId("deficiency-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.running());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button(Messages.get("common.cancel"), new FontIcon(Feather.X));
        cancel.setId("deficiency-cancel");
        cancel.visibleProperty().bind(vm.running());
        cancel.managedProperty().bind(vm.running());
        cancel.setOnAction(e -> vm.cancel());
        Button letter = new Button(Messages.get("deficiency.draftLetter"), new FontIcon(Feather.EDIT_3));
        letter.setId("deficiency-draft-letter");
        letter.disableProperty().bind(vm.report().isNull());
        letter.setOnAction(e -> draftLetter.run());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progress());
        bar.visibleProperty().bind(vm.running());
        bar.setPrefWidth(160);
        Label status = new Label();
        status.setId("deficiency-status");
        status.textProperty().bind(vm.status());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, title, spacer, letter);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("pane-toolbar");
        FlowPane inputs = new FlowPane(8, 8, rfp, resp, production, known, offline, run, cancel, bar, status);
        inputs.setAlignment(Pos.CENTER_LEFT);
        inputs.setPadding(new Insets(0, 12, 6, 12));
        Label summary = new Label();
        summary.setId("deficiency-summary");
        summary.getStyleClass().add("deficiency-summary");
        summary.textProperty().bind(vm.summary());
        summary.setWrapText(true);
        summary.setPadding(new Insets(0, 12, 6, 12));
        setTop(new VBox(top, inputs, summary, new ErrorBar(vm.error())));

        table.setId("deficiency-table");
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("deficiency.col.number", 50, r -> r.number()));
        table.getColumns().add(col("deficiency.col.text", 260, r -> r.shortText()));
        table.getColumns().add(col("deficiency.col.posture", 110, r -> r.posture().replace('_', ' ')));
        TableColumn<DeficiencyViewModel.Row, String> cls = col("deficiency.col.classification", 140, r -> r.classification().replace('_', ' '));
        cls.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("class-"));
                setText(empty ? null : s);
                if (!empty && s != null) getStyleClass().add("class-" + s.replace(' ', '-'));
            }
        });
        table.getColumns().add(cls);
        table.getColumns().add(col("deficiency.col.confidence", 80, r -> String.format(Locale.ROOT, "%.0f%%", r.confidence() * 100)));
        table.getColumns().add(col("deficiency.col.overridden", 80, r -> r.overridden() ? Messages.get("common.yes") : ""));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && vm.selected().get() != b) vm.selected().set(b);
        });
        vm.selected().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) table.getSelectionModel().select(b);
            showDetail(b);
        });
        detail.setId("deficiency-detail");
        detail.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        SplitPane split = new SplitPane(table, scroll);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    private Button fileButton(String id, String key, javafx.beans.property.ObjectProperty<java.nio.file.Path> target) {
        Button b = new Button(Messages.get(key), new FontIcon(Feather.FILE_TEXT));
        b.setId(id);
        target.addListener((o, a, p) -> b.setText(p == null ? Messages.get(key) : p.getFileName().toString()));
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(Messages.get(key));
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("DOCX, PDF", "*.docx", "*.pdf"));
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) target.set(f.toPath());
        });
        return b;
    }

    private static TableColumn<DeficiencyViewModel.Row, String> col(String key, double width,
                                                                   java.util.function.Function<DeficiencyViewModel.Row, String> f) {
        TableColumn<DeficiencyViewModel.Row, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(f.apply(x.getValue())));
        return c;
    }

    private void showDetail(DeficiencyViewModel.Row row) {
        detail.getChildren().clear();
        if (row == null) return;
        RequestResult q = row.result();
        detail.getChildren().add(heading(Messages.format("deficiency.request", q.number())));
        Label text = new Label(q.text());
        text.setWrapText(true);
        detail.getChildren().add(text);
        Label cls = new Label(Messages.format("deficiency.classified", q.classification().wire().replace('_', ' '),
                String.format(Locale.ROOT, "%.0f%%", q.confidence() * 100)) + (q.overridden() ? " · " + Messages.get("deficiency.col.overridden") : ""));
        cls.setId("deficiency-detail-class");
        cls.getStyleClass().addAll("deficiency-class", "class-" + q.classification().wire().replace('_', '-'));
        detail.getChildren().add(cls);
        q.subParts().forEach(s -> detail.getChildren().add(new Label("(" + s.label() + ") " + s.classification().wire().replace('_', ' '))));
        Label rationale = new Label(q.rationale());
        rationale.setWrapText(true);
        rationale.getStyleClass().add("deficiency-rationale");
        detail.getChildren().add(rationale);

        detail.getChildren().add(heading(Messages.format("deficiency.response", q.responsePosture().wire().replace('_', ' '))));
        detail.getChildren().add(markedResponse(q));
        for (Finding f : q.findings()) {
            Label l = new Label("⚠ " + f.detail());
            l.setWrapText(true);
            l.getStyleClass().add("deficiency-finding");
            detail.getChildren().add(l);
        }

        detail.getChildren().add(heading(Messages.format("deficiency.evidence", q.evidence().size())));
        for (EvidenceRef e : q.evidence()) {
            Button b = new Button((e.bates() == null ? e.fileName() : e.bates()) + " · " + e.fileName() + " · p. " + e.page()
                    + (e.quote() == null ? "" : "\n“" + DeficiencyViewModel.shortText(e.quote()) + "”"), new FontIcon(Feather.EXTERNAL_LINK));
            b.getStyleClass().addAll("flat", "deficiency-evidence");
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(x -> vm.openEvidence(e));
            detail.getChildren().add(b);
        }
        detail.getChildren().add(heading(Messages.format("deficiency.missing", q.missing().size())));
        for (MissingDocument m : q.missing()) {
            Button b = new Button(m.fileName() + (m.quote() == null ? "" : "\n“" + DeficiencyViewModel.shortText(m.quote()) + "”"),
                    new FontIcon(Feather.ALERT_CIRCLE));
            b.getStyleClass().addAll("flat", "deficiency-missing");
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(x -> vm.openMissing(m));
            detail.getChildren().add(b);
        }

        detail.getChildren().add(heading(Messages.get("deficiency.review")));
        ComboBox<Classification> choice = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(Classification.values()));
        choice.setId("deficiency-override-class");
        choice.setValue(q.classification());
        choice.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Classification c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.wire().replace('_', ' '));
            }
        });
        choice.setButtonCell(choice.getCellFactory().call(null));
        TextArea note = new TextArea(q.note() == null ? "" : q.note());
        note.setId("deficiency-note");
        note.setPromptText(Messages.get("deficiency.notePrompt"));
        note.setPrefRowCount(3);
        note.setWrapText(true);
        Button save = new Button(Messages.get("deficiency.override"), new FontIcon(Feather.CHECK));
        save.setId("deficiency-override");
        save.setOnAction(e -> {
            if (vm.reviewer() == null) {
                TextInputDialog d = new TextInputDialog(System.getProperty("user.name", ""));
                d.setTitle(Messages.get("deficiency.reviewerTitle"));
                d.setHeaderText(Messages.get("deficiency.reviewerAsk"));
                d.showAndWait().ifPresent(vm::rememberReviewer);
                if (vm.reviewer() == null) return;
            }
            Classification c = choice.getValue() == q.classification() && !q.overridden() ? null : choice.getValue();
            vm.override(c, note.getText());
        });
        HBox actions = new HBox(8, choice, save);
        actions.setAlignment(Pos.CENTER_LEFT);
        detail.getChildren().addAll(actions, note);
    }

    private static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** The response with each objection sentence marked. */
    private static TextFlow markedResponse(RequestResult q) {
        TextFlow flow = new TextFlow();
        flow.setId("deficiency-response");
        String text = q.responseText() == null ? "" : q.responseText();
        int at = 0;
        java.util.List<int[]> marks = new java.util.ArrayList<>();
        for (Objection o : q.objections()) {
            int i = text.indexOf(o.text());
            if (i >= 0 && marks.stream().noneMatch(m -> m[0] == i)) marks.add(new int[] {i, i + o.text().length()});
        }
        marks.sort(java.util.Comparator.comparingInt(m -> m[0]));
        for (int[] m : marks) {
            if (m[0] < at) continue;
            if (m[0] > at) flow.getChildren().add(new Text(text.substring(at, m[0])));
            Text t = new Text(text.substring(m[0], m[1]));
            t.getStyleClass().add("deficiency-objection");
            flow.getChildren().add(t);
            at = m[1];
        }
        if (at < text.length()) flow.getChildren().add(new Text(text.substring(at)));
        return flow;
    }
}
