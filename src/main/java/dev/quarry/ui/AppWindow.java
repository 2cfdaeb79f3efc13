package dev.quarry.ui;

import dev.quarry.app.AppServices;
import dev.quarry.app.MatterSession;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.common.Theme;
import dev.quarry.ui.settings.SettingsViewModel;
import dev.quarry.ui.start.StartView;
import dev.quarry.ui.start.StartViewModel;
import dev.quarry.ui.workspace.WorkspaceView;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The one window: the start screen until a matter is open, then that matter's workspace. Its title is
 * "Quarry", then "Quarry — <matter name>".
 */
public final class AppWindow {
    public static final double WIDTH = 1280, HEIGHT = 800;

    private final Stage stage;
    private final AppServices services;
    private final StackPane root = new StackPane();
    private final Scene scene;
    private final SettingsViewModel settings;
    private StartViewModel startVm;
    private WorkspaceView workspace;

    public AppWindow(Stage stage, AppServices services, Theme theme) {
        this.stage = stage;
        this.services = services;
        theme.apply();
        this.settings = new SettingsViewModel(services.tasks(), services.userSettings(), theme, Theme::apply);
        root.getStyleClass().add("app-root");
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Theme.APP_CSS);
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        showStart();
    }

    public void show() {
        stage.show();
    }

    public void showStart() {
        stage.setTitle(Messages.get("app.name"));
        startVm = new StartViewModel(services.tasks(), services.matters(), services.userSettings(), this::showMatter);
        root.getChildren().setAll(new StartView(startVm));
        startVm.load();
    }

    /** Shows the workspace for an open matter (the start screen calls this once a matter is open). */
    public void showMatter(MatterSession session) {
        WorkspaceView view = new WorkspaceView(services, session, settings, this::closeMatter);
        view.installShortcuts(scene);
        root.getChildren().setAll(view);
        stage.setTitle(Messages.format("app.titleWithMatter", session.matter().name()));
        workspace = view; // published last: whoever sees the workspace sees the window already showing it
    }

    /** Closes the open matter (off the FX thread) and returns to the start screen. */
    public void closeMatter() {
        WorkspaceView w = workspace;
        if (w == null) return;
        workspace = null;
        w.removeShortcuts(scene);
        w.shutdown();
        MatterSession s = w.session();
        services.tasks().task("close matter", () -> {
            s.close();
            return null;
        }).onFinally(this::showStart).start();
    }

    /**
     * On the FX thread as the app exits: stops the import and the viewer, and hands back the open matter
     * (or null) for the caller to close off the FX thread.
     */
    public MatterSession detach() {
        WorkspaceView w = workspace;
        workspace = null;
        if (w == null) return null;
        w.removeShortcuts(scene);
        w.shutdown();
        return w.session();
    }

    public WorkspaceView workspace() { return workspace; }
    public StartViewModel start() { return startVm; }
    public SettingsViewModel settings() { return settings; }
    public Scene scene() { return scene; }
}
