package dev.quarry.ui;

import dev.quarry.app.AppServices;
import dev.quarry.app.MatterSession;
import dev.quarry.app.Matters;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserSettings;
import dev.quarry.ui.common.Theme;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The desktop application: wires {@link AppServices} with constructors and opens the {@link AppWindow}. */
public final class QuarryApp extends Application {
    private AppServices services;
    private Theme theme;
    private AppWindow window;

    public static void start(String[] args) {
        Application.launch(QuarryApp.class, args);
    }

    /** Runs on the launcher thread, before the FX thread shows anything: the place for disk reads. */
    @Override
    public void init() {
        services = create();
        theme = Theme.of(services.userSettings().load().theme());
    }

    /** The app's services: a small pool for background work, results delivered on the FX thread. */
    public static AppServices create() {
        return new AppServices(TaskRunner.withPool(3, Platform::runLater), UserSettings.standard(), new Matters());
    }

    @Override
    public void start(Stage stage) {
        window = new AppWindow(stage, services, theme);
        window.show();
    }

    @Override
    public void stop() {
        MatterSession open = window == null ? null : window.detach();
        window = null;
        if (open != null) {
            // The window is gone, so waiting here freezes nothing; the matter must close before the JVM exits.
            Thread t = new Thread(open::close, "quarry-shutdown");
            t.start();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.close();
    }
}
