package dev.quarry.ui.documents;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.ui.common.Columns;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.viewer.DocumentOpener;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The documents pane: a toolbar (filter, status, import), the virtualised table, and the jobs panel.
 * Only the visible rows get cells, so 100,000 documents cost no more to draw than 30.
 */
public final class DocumentsView extends BorderPane {
    private final DocumentsViewModel vm;
    private final DocumentOpener opener;
    private final TextField filter = new TextField();
    private final TableView<DocumentSummary> table = new TableView<>();

    public DocumentsView(DocumentsViewModel vm, DocumentOpener opener) {
        this.vm = vm;
        this.opener = opener;
        getStyleClass().add("documents-pane");
        setTop(new VBox(toolbar(), new ErrorBar(vm.error()), resumeBanner()));
        setCenter(table());
        setBottom(jobsPanel());
    }

    /**
     * Puts the production quality panel under the table (a divider between them), as the workspace wires
     * it; without it the pane is the table alone.
     */
    public void showQuality(javafx.scene.Node panel) {
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, panel);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        split.getStyleClass().add("documents-split");
        setCenter(split);
    }

    /** Ctrl+F: put the cursor in the filter box. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    public void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("import.chooseFiles"));
        List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
        if (files != null) vm.importPaths(files.stream().map(File::toPath).toList());
    }

    public void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Messages.get("import.chooseFolder"));
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) vm.importPaths(List.of(dir.toPath()));
    }

    private Node toolbar() {
        Label title = new Label(Messages.get("nav.documents"));
        title.getStyleClass().add("pane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        filter.setId("doc-filter");
        filter.setPromptText(Messages.get("documents.filterPrompt"));
        filter.textProperty().bindBidirectional(vm.filterText());
        filter.setPrefColumnCount(22);
        filter.setMinWidth(160);
        filter.getStyleClass().add("filter-field");
        ComboBox<DocumentStatus> status = new ComboBox<>();
        status.setId("doc-status-filter");
        status.getItems().add(null);
        status.getItems().addAll(DocumentStatus.values());
        status.setButtonCell(new StatusChoiceCell());
        status.setCellFactory(l -> new StatusChoiceCell());
        status.valueProperty().bindBidirectional(vm.statusFilter());
        Label count = new Label();
        count.setId("doc-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(vm.summary());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button files = new Button(Messages.get("import.files"), new FontIcon(Feather.FILE_PLUS));
        files.setId("import-files");
        files.setOnAction(e -> chooseFiles());
        Button folder = new Button(Messages.get("import.folder"), new FontIcon(Feather.FOLDER_PLUS));
        folder.setId("import-folder");
        folder.getStyleClass().add("accent");
        folder.setOnAction(e -> chooseFolder());
        files.setMinWidth(Region.USE_PREF_SIZE);
        folder.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(Region.USE_PREF_SIZE);
        files.disableProperty().bind(vm.importing());
        folder.disableProperty().bind(vm.importing());
        HBox bar = new HBox(10, title, filter, status, count, spacer, files, folder);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        return bar;
    }

    private Node resumeBanner() {
        Label text = new Label();
        text.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.format("import.resumeOffer", vm.resumable().size()), vm.resumable()));
        Button resume = new Button(Messages.get("import.resume"), new FontIcon(Feather.REFRESH_CW));
        resume.setId("resume-import");
        resume.getStyleClass().add("accent");
        resume.setOnAction(e -> {
            if (!vm.resumable().isEmpty()) vm.resume(vm.resumable().get(0));
        });
        Button dismiss = new Button(Messages.get("common.dismiss"));
        dismiss.getStyleClass().add("flat");
        dismiss.setOnAction(e -> vm.dismissResumable());
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        HBox banner = new HBox(10, icon, text, resume, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("info-banner");
        banner.visibleProperty().bind(Bindings.isNotEmpty(vm.resumable()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node table() {
        table.setId("documents-table");
        table.getStyleClass().addAll("documents-table", "striped", "dense");
        SortedList<DocumentSummary> sorted = new SortedList<>(vm.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(emptyState());

        TableColumn<DocumentSummary, DocumentStatus> status = column("documents.col.status", DocumentSummary::status, 120);
        status.setCellFactory(c -> new StatusCell());
        Columns.atLeast(status, StatusCell.widestPill());
        TableColumn<DocumentSummary, String> name = column("documents.col.name", DocumentSummary::fileName, 220);
        TableColumn<DocumentSummary, String> original = column("documents.col.originalName", DocumentSummary::originalName, 260);
        original.setId("documents-col-original");
        TableColumn<DocumentSummary, Integer> pages = column("documents.col.pages", DocumentSummary::pages, 70);
        pages.getStyleClass().add("numeric");
        TableColumn<DocumentSummary, String> bates = column("documents.col.bates",
                d -> Formats.batesRange(d.batesBegin(), d.batesEnd()), 240);
        TableColumn<DocumentSummary, String> custodian = column("documents.col.custodian", DocumentSummary::custodian, 140);
        TableColumn<DocumentSummary, Long> size = column("documents.col.size", DocumentSummary::sizeBytes, 90);
        size.getStyleClass().add("numeric");
        size.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Formats.bytes(v));
            }
        });
        TableColumn<DocumentSummary, String> error = column("documents.col.error", DocumentSummary::error, 200);
        error.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null || v.isBlank() ? null : new Tooltip(v));
            }
        });
        table.getColumns().addAll(List.of(status, name, original, pages, bates, custodian, size, error));
        table.setRowFactory(t -> {
            TableRow<DocumentSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) open(row.getItem());
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open(table.getSelectionModel().getSelectedItem());
            }
        });
        return table;
    }

    private void open(DocumentSummary d) {
        if (d.status() == DocumentStatus.COMPLETED || d.pages() > 0) opener.openAt(d.id(), vm.pageToOpen(d), -1, -1);
    }

    private Node emptyState() {
        FontIcon icon = new FontIcon(Feather.UPLOAD);
        icon.getStyleClass().add("empty-icon");
        Label title = new Label();
        title.setId("documents-empty-title");
        title.textProperty().bind(vm.emptyTitle());
        title.getStyleClass().add("title-3");
        Label body = new Label();
        body.textProperty().bind(vm.emptyBody());
        body.getStyleClass().add("text-muted");
        VBox box = new VBox(10, icon, title, body);
        box.setAlignment(Pos.CENTER);
        box.visibleProperty().bind(vm.loading().not());
        return box;
    }

    private Node jobsPanel() {
        Label title = new Label(Messages.get("import.panelTitle"));
        title.getStyleClass().add("jobs-title");
        ProgressBar bar = new ProgressBar();
        bar.setId("import-progress");
        bar.progressProperty().bind(vm.progress());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label progress = new Label();
        progress.setId("import-progress-text");
        progress.textProperty().bind(vm.progressText());
        Label rate = new Label();
        rate.getStyleClass().add("text-muted");
        rate.textProperty().bind(vm.rateText());
        Label eta = new Label();
        eta.getStyleClass().add("text-muted");
        eta.textProperty().bind(vm.etaText());
        Label current = new Label();
        current.getStyleClass().addAll("text-muted", "text-small");
        current.textProperty().bind(vm.currentFile());
        Button cancel = new Button(Messages.get("common.cancel"), new FontIcon(Feather.X));
        cancel.setId("import-cancel");
        cancel.getStyleClass().add("danger");
        cancel.setOnAction(e -> vm.cancelImport());
        HBox line1 = new HBox(12, title, bar, cancel);
        line1.setAlignment(Pos.CENTER_LEFT);
        HBox line2 = new HBox(16, progress, rate, eta, current);
        line2.setAlignment(Pos.CENTER_LEFT);
        VBox running = new VBox(6, line1, line2);
        running.visibleProperty().bind(vm.importing());
        running.managedProperty().bind(running.visibleProperty());

        Label result = new Label();
        result.setId("import-result");
        result.textProperty().bind(vm.lastResult());
        FontIcon ok = new FontIcon(Feather.CHECK_CIRCLE);
        ok.getStyleClass().add("success-icon");
        HBox done = new HBox(8, ok, result);
        done.setAlignment(Pos.CENTER_LEFT);
        done.visibleProperty().bind(vm.importing().not().and(vm.lastResult().isNotEmpty()));
        done.managedProperty().bind(done.visibleProperty());

        VBox panel = new VBox(running, done);
        panel.getStyleClass().add("jobs-panel");
        panel.visibleProperty().bind(running.visibleProperty().or(done.visibleProperty()));
        panel.managedProperty().bind(panel.visibleProperty());
        return panel;
    }

    private static <T> TableColumn<DocumentSummary, T> column(String key, Function<DocumentSummary, T> value, double width) {
        TableColumn<DocumentSummary, T> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return Columns.keepHeader(c);
    }

    static String statusLabel(DocumentStatus s) {
        return s == null ? Messages.get("documents.status.all") : Messages.get("documents.status." + s.db());
    }

    /** A coloured pill; the colour comes from the theme's tokens via the status-… class. */
    private static final class StatusCell extends TableCell<DocumentSummary, DocumentStatus> {
        private final Label pill = new Label();

        StatusCell() {
            pill.getStyleClass().add("status-pill");
            pill.setMinWidth(Region.USE_PREF_SIZE); // a pill is never cut to "Impo…"
        }

        /** The widest pill (12px bold text, 8px padding each side) plus the cell's own padding. */
        static double widestPill() {
            double w = 0;
            for (DocumentStatus s : DocumentStatus.values()) w = Math.max(w, Columns.textWidth(statusLabel(s), 12, true));
            return w + 16 + 24;
        }

        @Override
        protected void updateItem(DocumentStatus s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            pill.setText(statusLabel(s));
            pill.getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-pill"));
            pill.getStyleClass().add("status-" + s.db().replace('_', '-'));
            setGraphic(pill);
        }
    }

    private static final class StatusChoiceCell extends ListCell<DocumentStatus> {
        @Override
        protected void updateItem(DocumentStatus s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty ? null : statusLabel(s));
        }
    }
}
