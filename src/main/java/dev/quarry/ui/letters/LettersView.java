package dev.quarry.ui.letters;

import dev.quarry.deficiency.model.Report;
import dev.quarry.export.Doc;
import dev.quarry.letters.Letter;
import dev.quarry.letters.LetterDiff;
import dev.quarry.letters.LetterVersion;
import dev.quarry.ui.common.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;

/**
 * The Letters pane (issue 16 part 7): reports, their drafts and the shown version's deadlines on the left;
 * the toolbar (template, draft, save, apply metadata, polish, export) over what blocks export or changed;
 * then tabs: the Markdown editor beside its preview, the metadata form (any number of recipients), and the
 * versions with the diff between two of them.
 */
public final class LettersView extends BorderPane {
    private final LettersViewModel vm;
    private final VBox previewBox = new VBox(10);
    private final VBox recipientRows = new VBox(6);
    private final TabPane tabs = new TabPane();
    private final Tab draftTab = new Tab(Messages.get("letters.draftTab"));
    private final Tab metaTab = new Tab(Messages.get("letters.meta"));
    private final Tab versionsTab = new Tab(Messages.get("letters.versions"));
    private Function<String, Path> saveDialog = this::chooseFile;
    private HBox draftRow;

    public LettersView(LettersViewModel vm) {
        this.vm = vm;
        getStyleClass().add("letters-pane");
        setId("letters-pane");
        Node center = center();
        setLeft(left());
        setCenter(center);
        Label status = new Label();
        status.textProperty().bind(vm.status());
        status.getStyleClass().add("status-line");
        status.setId("letters-status");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        setBottom(status);
        vm.preview().addListener((o, a, b) -> renderPreview(b));
        renderPreview(vm.preview().get());
        vm.recipients().addListener((ListChangeListener<LettersViewModel.Recipient>) c -> renderRecipients());
        renderRecipients();
    }

    public LettersViewModel viewModel() {
        return vm;
    }

    /**
     * Where an export goes: given the suggested file name, a path or null for none. A save dialog by
     * default; a test hands a folder of its own.
     */
    public void setSaveDialog(Function<String, Path> dialog) {
        this.saveDialog = dialog;
    }

    /** Shows the editor and preview (0), the metadata form (1) or the versions and diff (2). */
    public void showTab(int i) {
        tabs.getSelectionModel().select(i);
    }

    private Node toolbar() {
        ComboBox<String> template = new ComboBox<>(vm.templateNames());
        template.valueProperty().bindBidirectional(vm.template());
        template.setId("letter-template");
        template.setPrefWidth(118);
        template.setMinWidth(90);
        HBox.setHgrow(template, Priority.SOMETIMES);
        Button draft = button("letter-draft", "letters.draft", vm::draft);
        draft.getStyleClass().add("accent");
        Button save = button("letter-save", "letters.save", vm::save);
        Button redraft = button("letter-redraft", "letters.redraft", vm::redraft);
        Button polish = button("letter-polish", "letters.polish", vm::polish);
        Button docx = button("letter-export-docx", "letters.exportDocx", () -> export("docx", "letter.docx"));
        Button pdf = button("letter-export-pdf", "letters.exportPdf", () -> export("pdf", "letter.pdf"));
        Button ss = button("letter-export-separate", "letters.exportSeparate", () -> export("separate-statement", "separate-statement.docx"));
        for (Button b : new Button[] {save, redraft, polish, docx, pdf, ss}) b.disableProperty().bind(vm.letter().isNull().or(vm.busy()));
        ss.visibleProperty().bind(vm.letter().isNotNull().and(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.letter().get() != null && "california".equals(vm.letter().get().style()), vm.letter())));
        ss.managedProperty().bind(ss.visibleProperty());
        draft.disableProperty().bind(vm.report().isNull().or(vm.busy()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label templateLabel = new Label(Messages.get("letters.template"));
        templateLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, save, redraft, polish, grow, docx, pdf, ss);
        draftRow = new HBox(8, templateLabel, template, draft);
        draftRow.setAlignment(Pos.CENTER_LEFT);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        VBox top = new VBox(bar, banner("letter-missing", "missing-fields", vm.missing()), banner("letter-notice", "notice", vm.notice()),
                banner("letter-polish-refusal", "polish-refused", vm.polishRefusal()));
        return top;
    }

    private static Button button(String id, String key, Runnable action) {
        Button b = new Button(Messages.get(key));
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static Label banner(String id, String styleClass, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.getStyleClass().addAll("letters-banner", styleClass);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private void export(String format, String name) {
        if (!vm.checkExportable()) return;
        Path f = saveDialog.apply(name);
        if (f != null) vm.export(format, f);
    }

    private Path chooseFile(String name) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    private Node left() {
        ListView<Report> reports = new ListView<>(vm.reports());
        reports.setId("letters-reports");
        reports.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Report r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : Messages.format("letters.reportRow", r.reportId(), r.production(), r.version()));
            }
        });
        reports.setPlaceholder(placeholder("letters.noReports"));
        reports.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.report().set(b));
        ListView<Letter> drafts = new ListView<>(vm.drafts());
        drafts.setId("letters-drafts");
        drafts.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Letter x, boolean empty) {
                super.updateItem(x, empty);
                setText(empty || x == null ? null : Messages.format("letters.draftRow", x.id(), x.template(), x.latestVersion(), x.reportId()));
            }
        });
        drafts.setPlaceholder(placeholder("letters.noDrafts"));
        drafts.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && (vm.letter().get() == null || vm.letter().get().id() != b.id())) vm.open(b, null);
        });
        Label deadlines = new Label();
        deadlines.setId("letter-deadlines");
        deadlines.textProperty().bind(vm.deadlines());
        deadlines.setWrapText(true);
        deadlines.getStyleClass().add("deadlines");
        deadlines.setMaxWidth(Double.MAX_VALUE);
        Label none = placeholder("letters.noDeadlines");
        none.visibleProperty().bind(vm.deadlines().isEmpty());
        none.managedProperty().bind(none.visibleProperty());
        Label steps = new Label();
        steps.setId("letter-deadline-steps");
        steps.textProperty().bind(vm.deadlineSteps());
        steps.setWrapText(true);
        steps.getStyleClass().add("deadline-steps");
        steps.setMaxWidth(Double.MAX_VALUE);
        steps.visibleProperty().bind(vm.deadlineSteps().isNotEmpty());
        steps.managedProperty().bind(steps.visibleProperty());
        VBox card = new VBox(6, title("letters.deadlines"), none, deadlines, steps);
        card.getStyleClass().add("deadlines-card");
        ScrollPane cardScroll = new ScrollPane(card);
        cardScroll.setFitToWidth(true);
        cardScroll.getStyleClass().add("deadlines-scroll");
        VBox box = new VBox(6, title("letters.reports"), reports, draftRow, title("letters.drafts"), drafts, cardScroll);
        reports.setPrefHeight(130);
        drafts.setPrefHeight(170);
        VBox.setVgrow(drafts, Priority.SOMETIMES);
        VBox.setVgrow(cardScroll, Priority.ALWAYS);
        cardScroll.setPrefHeight(260);
        box.getStyleClass().add("letters-side");
        box.setPrefWidth(310);
        box.setMinWidth(260);
        return box;
    }

    private static Label title(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("letters-section-title");
        return l;
    }

    private static Label placeholder(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("letters-placeholder");
        l.setWrapText(true);
        return l;
    }

    private Node center() {
        TextArea editor = new TextArea();
        editor.setId("letter-editor");
        editor.textProperty().bindBidirectional(vm.editor());
        editor.setWrapText(true);
        editor.getStyleClass().add("letter-editor");
        previewBox.getStyleClass().add("letter-preview");
        previewBox.setId("letter-preview");
        ScrollPane preview = new ScrollPane(previewBox);
        preview.setFitToWidth(true);
        preview.getStyleClass().add("letter-preview-scroll");
        SplitPane split = new SplitPane(column("letters.editor", editor), column("letters.preview", preview));
        split.setDividerPositions(0.5);
        draftTab.setContent(split);
        draftTab.setId("letter-tab-draft");
        metaTab.setContent(metaForm());
        metaTab.setId("letter-tab-meta");
        versionsTab.setContent(versionsTab());
        versionsTab.setId("letter-tab-versions");
        tabs.getTabs().setAll(draftTab, metaTab, versionsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("letters-tabs");
        VBox c = new VBox(toolbar(), tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        return c;
    }

    private static Node column(String key, Region content) {
        VBox v = new VBox(title(key), content);
        VBox.setVgrow(content, Priority.ALWAYS);
        v.getStyleClass().add("letters-column");
        return v;
    }

    private Node metaForm() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints label = new ColumnConstraints();
            label.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints field = new ColumnConstraints();
            field.setHgrow(Priority.ALWAYS);
            field.setMinWidth(160);
            g.getColumnConstraints().addAll(label, field);
        }
        int i = 0;
        for (String f : LettersViewModel.FIELDS) {
            javafx.scene.control.TextInputControl t = LettersViewModel.MULTILINE.contains(f) ? area(f.equals("conference_offer") ? 3 : 2) : new TextField();
            t.setPrefWidth(240); // both columns of fields the same width
            t.setId("letter-field-" + f.replace('.', '-'));
            t.textProperty().bindBidirectional(vm.field(f));
            t.setPromptText(Messages.get("letters.field." + f + ".prompt"));
            Label l = new Label(Messages.get("letters.field." + f));
            l.setLabelFor(t);
            l.getStyleClass().add("field-label");
            g.add(l, (i % 2) * 2, i / 2);
            g.add(t, (i % 2) * 2 + 1, i / 2);
            i++;
        }
        Button add = new Button(Messages.get("letters.addRecipient"));
        add.setId("letter-add-recipient");
        add.setOnAction(e -> vm.addRecipient());
        HBox head = new HBox(12, title("letters.recipients"), add);
        head.setAlignment(Pos.CENTER_LEFT);
        Label hint = placeholder("letters.metaHint");
        VBox form = new VBox(12, g, new Separator(), head, recipientRows, new Separator(), hint);
        form.getStyleClass().add("letters-form");
        ScrollPane sp = new ScrollPane(form);
        sp.setFitToWidth(true);
        sp.getStyleClass().add("letters-form-scroll");
        return sp;
    }

    private void renderRecipients() {
        recipientRows.getChildren().clear();
        List<LettersViewModel.Recipient> rows = vm.recipients();
        for (int n = 0; n < rows.size(); n++) {
            LettersViewModel.Recipient r = rows.get(n);
            HBox row = new HBox(8);
            row.getStyleClass().add("recipient-row");
            row.setAlignment(Pos.CENTER_LEFT);
            Label number = new Label(String.valueOf(n + 1));
            number.getStyleClass().add("recipient-number");
            number.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(number);
            for (String f : LettersViewModel.RECIPIENT_FIELDS) {
                javafx.scene.control.TextInputControl t = f.equals("address") ? area(2) : new TextField();
                t.setId("letter-recipient-" + n + "-" + f);
                t.textProperty().bindBidirectional(r.field(f));
                t.setPromptText(Messages.get("letters.recipient." + f) + " \u00b7 " + Messages.get("letters.recipient." + f + ".prompt"));
                HBox.setHgrow(t, Priority.ALWAYS);
                t.setPrefWidth(f.equals("address") ? 280 : f.equals("email") ? 220 : 170);
                row.getChildren().add(t);
            }
            Button remove = new Button(Messages.get("letters.removeRecipient"));
            remove.setId("letter-remove-recipient-" + n);
            remove.setMinWidth(Region.USE_PREF_SIZE);
            remove.setOnAction(e -> vm.removeRecipient(r));
            row.getChildren().add(remove);
            recipientRows.getChildren().add(row);
        }
    }

    /** A text area for an address or a sentence: wraps, Enter breaks the line. */
    private static TextArea area(int rows) {
        TextArea a = new TextArea();
        a.setPrefRowCount(rows);
        a.setWrapText(true);
        a.getStyleClass().add("letters-area");
        return a;
    }

    private Node versionsTab() {
        ListView<LetterVersion> list = new ListView<>(vm.versions());
        list.setId("letter-versions");
        list.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(LetterVersion v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Messages.format("letters.versionRow", v.version(), v.source(), v.createdBy(),
                        dev.quarry.ui.common.Formats.time(v.createdAt())) + (v.note() == null || v.note().isBlank() ? "" : "\n" + v.note()));
            }
        });
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Button open = new Button(Messages.get("letters.openVersion"));
        open.setId("letter-open-version");
        open.setOnAction(e -> {
            LetterVersion v = list.getSelectionModel().getSelectedItem();
            if (v != null) {
                vm.open(vm.letter().get(), v.version());
                showTab(0);
            }
        });
        Button compare = new Button(Messages.get("letters.compare"));
        compare.setId("letter-compare");
        compare.setOnAction(e -> {
            var sel = list.getSelectionModel().getSelectedItems();
            if (sel.size() == 2) vm.compare(Math.min(sel.get(0).version(), sel.get(1).version()), Math.max(sel.get(0).version(), sel.get(1).version()));
            else if (sel.size() == 1 && sel.get(0).version() > 1) vm.compare(sel.get(0).version() - 1, sel.get(0).version());
        });
        compare.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(list.getSelectionModel().getSelectedItems()));
        open.disableProperty().bind(compare.disableProperty());
        ListView<LetterDiff.Line> diff = new ListView<>(vm.diff());
        diff.setId("letter-diff");
        diff.getStyleClass().add("letter-diff");
        diff.setCellFactory(l -> new ListCell<>() {
            // long Markdown paragraphs are one line each: wrapped to the list's width rather than cut off
            private final Text line = new Text();
            {
                line.getStyleClass().add("diff-text");
                line.wrappingWidthProperty().bind(l.widthProperty().subtract(40));
            }

            @Override protected void updateItem(LetterDiff.Line d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-same");
                setText(null);
                if (empty || d == null) {
                    setGraphic(null);
                    return;
                }
                line.setText((d.kind() == LetterDiff.Kind.ADDED ? "+ " : d.kind() == LetterDiff.Kind.REMOVED ? "\u2212 " : "  ") + d.text());
                setGraphic(line);
                getStyleClass().add(d.kind() == LetterDiff.Kind.ADDED ? "diff-added" : d.kind() == LetterDiff.Kind.REMOVED ? "diff-removed" : "diff-same");
            }
        });
        diff.setPlaceholder(placeholder("letters.noDiff"));
        vm.diff().addListener((ListChangeListener<LetterDiff.Line>) c -> {
            for (int i = 0; i < vm.diff().size(); i++) {
                if (vm.diff().get(i).kind() != LetterDiff.Kind.SAME) {
                    int at = Math.max(0, i - 3);
                    javafx.application.Platform.runLater(() -> diff.scrollTo(at)); // after the list has taken the new lines
                    break;
                }
            }
        });
        Label summary = new Label();
        summary.setId("letter-diff-summary");
        summary.textProperty().bind(vm.diffSummary());
        summary.getStyleClass().add("diff-summary");
        Label hint = placeholder("letters.versionsHint");
        HBox buttons = new HBox(6, open, compare);
        VBox left = new VBox(8, title("letters.versions"), list, hint, buttons);
        left.getStyleClass().add("letters-column");
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox right = new VBox(8, summary, diff);
        right.getStyleClass().add("letters-column");
        VBox.setVgrow(diff, Priority.ALWAYS);
        SplitPane sp = new SplitPane(left, right);
        sp.setDividerPositions(0.28);
        return sp;
    }

    /** The preview: the export's own blocks as text, so what is shown is what the DOCX and PDF hold. */
    private void renderPreview(Doc doc) {
        previewBox.getChildren().clear();
        for (Doc.Block b : doc.blocks()) previewBox.getChildren().add(block(b));
    }

    private Node block(Doc.Block b) {
        if (b instanceof Doc.Heading h) {
            TextFlow t = flow(h.runs(), true);
            t.getStyleClass().add("preview-h" + Math.min(3, h.level()));
            return t;
        }
        if (b instanceof Doc.Para p) {
            TextFlow t = flow(p.runs(), false);
            t.getStyleClass().add("preview-para");
            t.setTextAlignment("right".equals(p.align()) ? TextAlignment.RIGHT : "center".equals(p.align()) ? TextAlignment.CENTER : TextAlignment.LEFT);
            return t;
        }
        if (b instanceof Doc.Quote q) {
            VBox v = new VBox(6);
            v.getStyleClass().add("preview-quote");
            for (Doc.Block x : q.blocks()) v.getChildren().add(block(x));
            return v;
        }
        if (b instanceof Doc.Items it) {
            VBox v = new VBox(4);
            v.getStyleClass().add("preview-list");
            int n = 1;
            for (var item : it.items()) {
                VBox i = new VBox(4);
                for (Doc.Block x : item) i.getChildren().add(block(x));
                HBox.setHgrow(i, Priority.ALWAYS);
                Label mark = new Label(it.ordered() ? (n++) + "." : "\u2022");
                mark.getStyleClass().add("preview-marker");
                mark.setMinWidth(Region.USE_PREF_SIZE);
                HBox row = new HBox(6, mark, i);
                v.getChildren().add(row);
            }
            return v;
        }
        if (b instanceof Doc.Rule) {
            Separator s = new Separator();
            s.getStyleClass().add("preview-rule");
            return s;
        }
        Separator pageBreak = new Separator();
        pageBreak.getStyleClass().add("preview-page-break");
        return pageBreak;
    }

    private static TextFlow flow(List<Doc.Run> runs, boolean bold) {
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
