package dev.quarry.ui.letters;

import dev.quarry.deficiency.model.Report;
import dev.quarry.export.Doc;
import dev.quarry.letters.Letter;
import dev.quarry.letters.LetterDiff;
import dev.quarry.letters.LetterVersion;
import dev.quarry.ui.common.Messages;
import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;

/**
 * The Letters pane (issue 16 part 7): reports and their drafts on the left; metadata, versions and the
 * diff, and deadlines in tabs; the Markdown editor beside its preview; export and polish on the toolbar.
 */
public final class LettersView extends BorderPane {
    private final LettersViewModel vm;
    private final VBox previewBox = new VBox(6);

    public LettersView(LettersViewModel vm) {
        this.vm = vm;
        getStyleClass().add("letters-pane");
        setId("letters-pane");
        setLeft(left());
        setCenter(center());
        setTop(toolbar());
        Label status = new Label();
        status.textProperty().bind(vm.status());
        status.getStyleClass().add("status-line");
        status.setWrapText(true);
        setBottom(status);
        vm.preview().addListener((o, a, b) -> renderPreview(b));
        renderPreview(vm.preview().get());
    }

    private Node toolbar() {
        ComboBox<String> template = new ComboBox<>(vm.templateNames());
        template.valueProperty().bindBidirectional(vm.template());
        Button draft = new Button(Messages.get("letters.draft"));
        draft.setOnAction(e -> vm.draft());
        Button save = new Button(Messages.get("letters.save"));
        save.setOnAction(e -> vm.save());
        Button redraft = new Button(Messages.get("letters.redraft"));
        redraft.setOnAction(e -> vm.redraft());
        Button polish = new Button(Messages.get("letters.polish"));
        polish.setOnAction(e -> vm.polish());
        Button docx = new Button(Messages.get("letters.exportDocx"));
        docx.setOnAction(e -> export("docx", "letter.docx"));
        Button pdf = new Button(Messages.get("letters.exportPdf"));
        pdf.setOnAction(e -> export("pdf", "letter.pdf"));
        Button ss = new Button(Messages.get("letters.exportSeparate"));
        ss.setOnAction(e -> export("separate-statement", "separate-statement.docx"));
        for (Button b : new Button[] {save, redraft, polish, docx, pdf, ss}) b.disableProperty().bind(vm.letter().isNull().or(vm.busy()));
        draft.disableProperty().bind(vm.report().isNull().or(vm.busy()));
        Label notice = new Label();
        notice.textProperty().bind(vm.notice());
        notice.getStyleClass().add("notice");
        notice.visibleProperty().bind(vm.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        HBox bar = new HBox(8, new Label(Messages.get("letters.template")), template, draft, save, redraft, polish, docx, pdf, ss);
        bar.getStyleClass().add("toolbar");
        bar.setPadding(new Insets(8));
        return new VBox(bar, notice);
    }

    private void export(String format, String name) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) vm.export(format, f.toPath());
    }

    private Node left() {
        ListView<Report> reports = new ListView<>(vm.reports());
        reports.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Report r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : Messages.format("letters.reportRow", r.reportId(), r.production(), r.version()));
            }
        });
        reports.setPlaceholder(new Label(Messages.get("letters.noReports")));
        reports.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.report().set(b));
        ListView<Letter> drafts = new ListView<>(vm.drafts());
        drafts.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Letter x, boolean empty) {
                super.updateItem(x, empty);
                setText(empty || x == null ? null : Messages.format("letters.draftRow", x.id(), x.template(), x.latestVersion(), x.reportId()));
            }
        });
        drafts.setPlaceholder(new Label(Messages.get("letters.noDrafts")));
        drafts.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.open(b, null));
        VBox box = new VBox(6, new Label(Messages.get("letters.reports")), reports, new Label(Messages.get("letters.drafts")), drafts);
        VBox.setVgrow(reports, Priority.ALWAYS);
        VBox.setVgrow(drafts, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.setPrefWidth(240);
        return box;
    }

    private Node center() {
        TextArea editor = new TextArea();
        editor.textProperty().bindBidirectional(vm.editor());
        editor.setWrapText(true);
        editor.getStyleClass().add("letter-editor");
        previewBox.getStyleClass().add("letter-preview");
        previewBox.setPadding(new Insets(16));
        ScrollPane preview = new ScrollPane(previewBox);
        preview.setFitToWidth(true);
        SplitPane split = new SplitPane(editor, preview);
        TabPane tabs = new TabPane(new Tab(Messages.get("letters.meta"), metaForm()), new Tab(Messages.get("letters.versions"), versionsTab()),
                new Tab(Messages.get("letters.deadlines"), deadlinesTab()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(250);
        SplitPane outer = new SplitPane(tabs, split);
        outer.setOrientation(javafx.geometry.Orientation.VERTICAL);
        outer.setDividerPositions(0.34);
        return outer;
    }

    private Node metaForm() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        g.setPadding(new Insets(8));
        int i = 0;
        for (String f : LettersViewModel.FIELDS) {
            TextField t = new TextField();
            t.textProperty().bindBidirectional(vm.field(f));
            t.setPromptText(Messages.get("letters.field." + f + ".prompt"));
            g.add(new Label(Messages.get("letters.field." + f)), (i % 2) * 2, i / 2);
            g.add(t, (i % 2) * 2 + 1, i / 2);
            GridPane.setHgrow(t, Priority.ALWAYS);
            i++;
        }
        Label missing = new Label();
        missing.textProperty().bind(vm.missing());
        missing.getStyleClass().add("missing-fields");
        missing.setWrapText(true);
        g.add(missing, 0, i / 2 + 1, 4, 1);
        ScrollPane sp = new ScrollPane(g);
        sp.setFitToWidth(true);
        return sp;
    }

    private Node versionsTab() {
        ListView<LetterVersion> list = new ListView<>(vm.versions());
        list.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(LetterVersion v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Messages.format("letters.versionRow", v.version(), v.source(), v.createdBy(), v.createdAt()));
            }
        });
        list.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Button open = new Button(Messages.get("letters.openVersion"));
        open.setOnAction(e -> {
            LetterVersion v = list.getSelectionModel().getSelectedItem();
            if (v != null) vm.open(vm.letter().get(), v.version());
        });
        Button compare = new Button(Messages.get("letters.compare"));
        compare.setOnAction(e -> {
            var sel = list.getSelectionModel().getSelectedItems();
            if (sel.size() == 2) vm.compare(Math.min(sel.get(0).version(), sel.get(1).version()), Math.max(sel.get(0).version(), sel.get(1).version()));
            else if (sel.size() == 1 && sel.get(0).version() > 1) vm.compare(sel.get(0).version() - 1, sel.get(0).version());
        });
        ListView<LetterDiff.Line> diff = new ListView<>(vm.diff());
        diff.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(LetterDiff.Line d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (empty || d == null) { setText(null); return; }
                setText((d.kind() == LetterDiff.Kind.ADDED ? "+ " : d.kind() == LetterDiff.Kind.REMOVED ? "- " : "  ") + d.text());
                if (d.kind() == LetterDiff.Kind.ADDED) getStyleClass().add("diff-added");
                if (d.kind() == LetterDiff.Kind.REMOVED) getStyleClass().add("diff-removed");
            }
        });
        diff.setPlaceholder(new Label(Messages.get("letters.noDiff")));
        VBox left = new VBox(6, list, new HBox(6, open, compare));
        VBox.setVgrow(list, Priority.ALWAYS);
        SplitPane sp = new SplitPane(left, diff);
        sp.setDividerPositions(0.35);
        return sp;
    }

    private Node deadlinesTab() {
        Label d = new Label();
        d.textProperty().bind(vm.deadlines());
        d.setWrapText(true);
        d.setPadding(new Insets(8));
        d.getStyleClass().add("deadlines");
        return new ScrollPane(d);
    }

    /** The preview: the export's own blocks as text, so what is shown is what the DOCX and PDF hold. */
    private void renderPreview(Doc doc) {
        previewBox.getChildren().clear();
        for (Doc.Block b : doc.blocks()) previewBox.getChildren().add(block(b, 0));
    }

    private Node block(Doc.Block b, int indent) {
        if (b instanceof Doc.Heading h) {
            TextFlow t = flow(h.runs(), true);
            t.getStyleClass().add("preview-h" + Math.min(3, h.level()));
            return t;
        }
        if (b instanceof Doc.Para p) return flow(p.runs(), false);
        if (b instanceof Doc.Quote q) {
            VBox v = new VBox(4);
            v.getStyleClass().add("preview-quote");
            for (Doc.Block x : q.blocks()) v.getChildren().add(block(x, indent + 1));
            return v;
        }
        if (b instanceof Doc.Items it) {
            VBox v = new VBox(2);
            for (var item : it.items()) {
                VBox i = new VBox(2);
                for (Doc.Block x : item) i.getChildren().add(block(x, indent + 1));
                HBox row = new HBox(6, new Label("\u2022"), i);
                v.getChildren().add(row);
            }
            return v;
        }
        return new Label("");
    }

    private static TextFlow flow(java.util.List<Doc.Run> runs, boolean bold) {
        TextFlow f = new TextFlow();
        for (Doc.Run r : runs) {
            if (r.lineBreak()) f.getChildren().add(new Text("\n"));
            Text t = new Text(r.text());
            t.getStyleClass().add("preview-text");
            if (bold || r.bold()) t.getStyleClass().add("preview-bold");
            if (r.italic()) t.getStyleClass().add("preview-italic");
            f.getChildren().add(t);
        }
        return f;
    }
}
