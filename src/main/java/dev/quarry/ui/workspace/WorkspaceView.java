package dev.quarry.ui.workspace;

import dev.quarry.app.AppServices;
import dev.quarry.app.MatterSession;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.documents.render.PdfPageRenderer;
import dev.quarry.ui.activity.ActivityView;
import dev.quarry.ui.activity.ActivityViewModel;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.documents.DocumentsView;
import dev.quarry.ui.extraction.GridView;
import dev.quarry.ui.extraction.GridViewModel;
import dev.quarry.ui.documents.DocumentsViewModel;
import dev.quarry.ui.common.PassageLocator;
import dev.quarry.ui.search.SearchView;
import dev.quarry.ui.ask.AskBackend;
import dev.quarry.ui.ask.AskView;
import dev.quarry.ui.ask.AskViewModel;
import dev.quarry.ui.ask.LlmSettingsView;
import dev.quarry.ui.ask.LlmSettingsViewModel;
import dev.quarry.llm.ApiKeys;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.retrieval.ChunkStore;
import dev.quarry.retrieval.EmbeddingRepository;
import dev.quarry.retrieval.Retrieval;
import dev.quarry.ui.search.SearchViewModel;
import dev.quarry.documents.ImportStore;
import dev.quarry.ui.settings.SettingsView;
import dev.quarry.ui.settings.SettingsViewModel;
import dev.quarry.ui.viewer.DocumentOpener;
import dev.quarry.ui.viewer.ViewerView;
import dev.quarry.ui.viewer.ViewerViewModel;
import java.io.File;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window for one open matter: the navigation rail, the current pane, drag-and-drop import
 * anywhere on the window, and the keyboard shortcuts. Builds the panes' view models from the session.
 */
public final class WorkspaceView extends BorderPane implements DocumentOpener {
    private final MatterSession session;
    private final DocumentsViewModel documentsVm;
    private final ViewerViewModel viewerVm;
    private final ActivityViewModel activityVm;
    private final SearchViewModel searchVm;
    private final SearchView searchView;
    private volatile Retrieval retrieval;
    private final AskViewModel askVm;
    private final dev.quarry.app.Grids grids;
    private final GridViewModel gridVm;
    private final AskView askView;
    private final dev.quarry.ui.deficiency.DeficiencyViewModel deficiencyVm;
    private final LlmSettingsViewModel llmSettingsVm;
    private final dev.quarry.ui.letters.LettersViewModel lettersVm;
    private final DocumentsView documentsView;
    private final dev.quarry.ui.documents.ProductionQcViewModel qcVm;
    private final ViewerView viewerView;
    private final StackPane documentsArea;
    private final StackPane content = new StackPane();
    private final Map<Section, Node> panes = new EnumMap<>(Section.class);
    private final Map<Section, ToggleButton> railButtons = new EnumMap<>(Section.class);
    private final ObjectProperty<Section> selected = new SimpleObjectProperty<>();
    private final ToggleGroup rail = new ToggleGroup();

    public WorkspaceView(AppServices services, MatterSession session, SettingsViewModel settingsVm, Runnable onCloseMatter) {
        this.session = session;
        getStyleClass().add("workspace");
        documentsVm = new DocumentsViewModel(services.tasks(), session.documents(), session.imports());
        viewerVm = new ViewerViewModel(services.tasks(), session.documents(), session.matter().blobs(), PdfPageRenderer::new);
        activityVm = new ActivityViewModel(services.tasks(), new JobRepository(session.matter().db()), session.matter().audit());
        documentsView = new DocumentsView(documentsVm, this);
        qcVm = new dev.quarry.ui.documents.ProductionQcViewModel(services.tasks(), new dev.quarry.documents.qc.ProductionQc(session.matter().db()));
        documentsView.showQuality(new dev.quarry.ui.documents.ProductionQcView(qcVm));
        // A load-file import ends with its quality check (ImportService): show the new report.
        documentsVm.importing().addListener((o, was, now) -> {
            if (was && !now) qcVm.refresh();
        });
        viewerView = new ViewerView(viewerVm, this::closeViewer);
        viewerView.setVisible(false);
        documentsArea = new StackPane(documentsView, viewerView);

        panes.put(Section.DOCUMENTS, documentsArea);
        PassageLocator locator = new PassageLocator(session.documents());
        ImportStore importStore = new ImportStore(session.matter().db());
        searchVm = new SearchViewModel(services.tasks(), (q, m, k, f) -> retrieval().find(q, m, k, f), locator,
                importStore::productions, this);
        searchVm.setIndexer(this::catchUpIndexes);
        searchVm.setMediaTypeSource(session.documents()::mediaTypes);
        searchView = new SearchView(searchVm);
        // What an import adds becomes searchable as soon as the import ends (and at open, whatever was left).
        documentsVm.importing().addListener((o, was, now) -> {
            if (was && !now) searchVm.makeSearchable();
        });
        panes.put(Section.SEARCH, searchView);
        askVm = new AskViewModel(services.tasks(), AskBackend.of(session, this::retrieval, System.getenv(), ApiKeys.userDefault()), locator, this);
        askView = new AskView(askVm);
        panes.put(Section.ASK, askView);
        lettersVm = new dev.quarry.ui.letters.LettersViewModel(services.tasks(), dev.quarry.app.LetterWiring.forMatter(session.matter(),
                dev.quarry.llm.LlmGateway.forMatter(session.matter(), dev.quarry.llm.LlmSettings.resolve(session.matter().settings(),
                        System.getenv(), ApiKeys.userDefault()).orElse(null))));
        panes.put(Section.LETTERS, new dev.quarry.ui.letters.LettersView(lettersVm));
        deficiencyVm = new dev.quarry.ui.deficiency.DeficiencyViewModel(services.tasks(),
                dev.quarry.ui.deficiency.DeficiencyBackend.of(session), services.userSettings(), this);
        panes.put(Section.DEFICIENCY, new dev.quarry.ui.deficiency.DeficiencyView(deficiencyVm, () -> {
            var r = deficiencyVm.report().get();
            if (r != null) draftLetter(r.reportId());
            else select(Section.LETTERS);
        }));
        grids = new dev.quarry.app.Grids(session, System.getenv());
        gridVm = new GridViewModel(services.tasks(), () -> grids, locator, this);
        panes.put(Section.EXTRACTION, new GridView(gridVm));
        // "Make it a grid column" in Ask: the column goes to a grid over the whole matter, shown with its run's progress.
        askVm.setGridColumnSink(spec -> {
            select(Section.EXTRACTION);
            gridVm.addQuestionColumn(spec);
        });
        panes.put(Section.ACTIVITY, new ActivityView(activityVm));
        llmSettingsVm = new LlmSettingsViewModel(services.tasks(), session.matter().settings(), ApiKeys.userDefault(), System.getenv());
        panes.put(Section.SETTINGS, new SettingsView(settingsVm, new LlmSettingsView(llmSettingsVm)));

        content.getStyleClass().add("content-area");
        setLeft(rail(onCloseMatter));
        setCenter(content);
        selected.addListener((o, a, b) -> show(b));
        select(Section.DOCUMENTS);
        installDragAndDrop();
        documentsVm.load();
        documentsVm.checkResumable();
        qcVm.refresh();
        searchVm.makeSearchable();
    }

    /**
     * The session's retrieval, fetched once: {@link MatterSession#retrieval()} locks the session, which
     * indexing holds (see below), and a search must not wait for indexing to finish.
     */
    private Retrieval retrieval() {
        Retrieval r = retrieval;
        if (r == null) {
            r = session.retrieval();
            retrieval = r;
        }
        return r;
    }

    /**
     * Embeds and indexes chunks not yet searchable; does nothing (and loads no model) when there are none.
     * Holds the session's lock so that closing the matter waits for the cancelled run to stop instead of
     * closing the model under it.
     */
    private void catchUpIndexes(CancelToken cancel) {
        if (new EmbeddingRepository(session.matter().db()).countPending(session.model().id()) == 0) {
            // Nothing to embed: load the vector index and the query model now, so that the first search
            // does not wait for them (a few seconds at a million chunks).
            if (new ChunkStore(session.matter().db()).countChunks() == 0) return;
            Retrieval r = retrieval();
            synchronized (session) {
                if (!cancel.isCancelled()) {
                    r.vectors();
                    r.queryEmbedder();
                }
            }
            return;
        }
        Retrieval r = retrieval();
        synchronized (session) {
            if (!cancel.isCancelled()) r.makeSearchable(() -> false, ProgressListener.NONE, cancel);
        }
    }

    public void select(Section s) {
        selected.set(s);
    }

    public ObjectProperty<Section> selected() {
        return selected;
    }

    public dev.quarry.ui.documents.ProductionQcViewModel quality() {
        return qcVm;
    }

    public DocumentsViewModel documents() {
        return documentsVm;
    }

    public ViewerViewModel viewer() {
        return viewerVm;
    }

    public SearchViewModel search() {
        return searchVm;
    }

    public AskViewModel ask() {
        return askVm;
    }

    public dev.quarry.ui.deficiency.DeficiencyViewModel deficiency() {
        return deficiencyVm;
    }

    public GridViewModel grid() {
        return gridVm;
    }

    public MatterSession session() {
        return session;
    }

    @Override
    public void openAt(long documentId, int pageNumber, int startChar, int endChar) {
        select(Section.DOCUMENTS);
        viewerView.setVisible(true);
        documentsView.setVisible(false);
        viewerVm.openAt(documentId, pageNumber, startChar, endChar);
    }

    /**
     * "Draft letter" from the Deficiency pane: opens Letters and drafts a letter from the report with the
     * metadata form's values (a letter whose required fields are missing lists them and will not export).
     */
    public void draftLetter(long reportId) {
        select(Section.LETTERS);
        lettersVm.draftFrom(reportId);
    }

    private void closeViewer() {
        viewerView.setVisible(false);
        documentsView.setVisible(true);
    }

    private void show(Section s) {
        content.getChildren().setAll(panes.get(s));
        ToggleButton b = railButtons.get(s);
        if (rail.getSelectedToggle() != b) rail.selectToggle(b);
        if (s == Section.ACTIVITY) activityVm.refresh();
        if (s == Section.LETTERS) lettersVm.load();
        if (s == Section.DEFICIENCY) deficiencyVm.load();
        if (s == Section.SETTINGS) llmSettingsVm.load();
        if (s == Section.SEARCH) {
            searchVm.loadProductions();
            searchView.focusQuery();
        }
        if (s == Section.EXTRACTION) gridVm.load();
        if (s == Section.ASK) {
            if (askVm.history().isEmpty()) askVm.loadHistory();
            askView.focusQuestion();
        }
    }

    private Node rail(Runnable onCloseMatter) {
        VBox box = new VBox(4);
        box.getStyleClass().add("nav-rail");
        box.setAlignment(Pos.TOP_CENTER);
        int i = 1;
        for (Section s : Section.values()) {
            if (s == Section.ACTIVITY) {
                Region spacer = new Region();
                VBox.setVgrow(spacer, Priority.ALWAYS);
                box.getChildren().add(spacer);
            }
            ToggleButton b = new ToggleButton(Messages.get("nav." + s.key()), new FontIcon(s.icon()));
            b.setId("nav-" + s.key());
            b.getStyleClass().add("nav-item");
            b.setUserData(s);
            b.setToggleGroup(rail);
            b.setTooltip(new Tooltip(Messages.get("nav." + s.key()) + "  (Ctrl+" + i++ + ")"));
            b.setMaxWidth(Double.MAX_VALUE);
            railButtons.put(s, b);
            box.getChildren().add(b);
        }
        rail.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) rail.selectToggle(a);
            else selected.set((Section) b.getUserData());
        });
        Button close = new Button(Messages.get("workspace.closeMatter"), new FontIcon(Feather.LOG_OUT));
        close.setId("close-matter");
        close.getStyleClass().addAll("nav-item", "flat");
        close.setMaxWidth(Double.MAX_VALUE);
        close.disableProperty().bind(documentsVm.importing());
        close.setOnAction(e -> onCloseMatter.run());
        Label matter = new Label(session.matter().name(), new FontIcon(session.matter().encrypted() ? Feather.LOCK : Feather.BRIEFCASE));
        matter.setId("matter-name");
        matter.getStyleClass().add("rail-matter");
        matter.setWrapText(true);
        matter.setTooltip(new Tooltip(session.matter().dir().toString()));
        box.getChildren().add(0, matter);
        box.getChildren().add(close);
        return box;
    }

    private void installDragAndDrop() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !documentsVm.importing().get()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                select(Section.DOCUMENTS);
                closeViewer();
                documentsVm.importPaths(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Ctrl+1…8 panes, Ctrl+I import files, Ctrl+Shift+I import a folder, Ctrl+F find, Esc back from the viewer. */
    public void installShortcuts(Scene scene) {
        Map<KeyCombination, Runnable> keys = scene.getAccelerators();
        Section[] all = Section.values();
        for (int i = 0; i < all.length; i++) {
            Section s = all[i];
            keys.put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)), KeyCombination.SHORTCUT_DOWN), () -> select(s));
        }
        keys.put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), () -> {
            select(Section.DOCUMENTS);
            if (!documentsVm.importing().get()) documentsView.chooseFiles();
        });
        keys.put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
            select(Section.DOCUMENTS);
            if (!documentsVm.importing().get()) documentsView.chooseFolder();
        });
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            if (selected.get() == Section.DOCUMENTS && viewerView.isVisible()) {
                viewerView.focusFind();
            } else {
                select(Section.DOCUMENTS);
                documentsView.focusFilter();
            }
        });
        keys.put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (viewerView.isVisible()) closeViewer();
        });
    }

    /** Removes this workspace's shortcuts when the matter closes. */
    public void removeShortcuts(Scene scene) {
        scene.getAccelerators().clear();
    }

    /** Stops the import (if any) and releases the viewer; the session itself is closed by the caller. */
    public void shutdown() {
        documentsVm.cancelImport();
        gridVm.cancelRun();
        searchVm.close();
        viewerVm.close();
    }
}
