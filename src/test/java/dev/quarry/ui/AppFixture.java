package dev.quarry.ui;

import dev.quarry.app.AppServices;
import dev.quarry.app.Grids;
import dev.quarry.app.MatterSession;
import dev.quarry.app.Matters;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserSettings;
import dev.quarry.evidence.Evidence;
import dev.quarry.extraction.GridFixture;
import dev.quarry.llm.LlmGateway;
import dev.quarry.ui.common.Theme;
import dev.quarry.ui.workspace.WorkspaceView;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app as the TestFX tests drive it: services with a two-thread task pool that reports on the FX thread,
 * user settings in {@code home/settings.json} under the test's folder, and the window on the test's stage in the
 * light theme. A test makes one in its {@code @Start} and calls {@link #close} in its {@code @AfterEach}.
 */
final class AppFixture implements AutoCloseable {
    final AppServices services;
    final AppWindow window;
    /** The matter the window was opened on, or null where it starts on the start screen. */
    final MatterSession session;
    private final Runnable restore;

    private AppFixture(Stage stage, Path tmp, String matterName, Runnable restore) {
        this.restore = restore;
        services = new AppServices(TaskRunner.withPool(2, Platform::runLater),
                new UserSettings(tmp.resolve("home/settings.json")), new Matters());
        // Test setup only: the app itself opens matters through the task runner.
        session = matterName == null ? null : services.matters().create(tmp.resolve("matter"), matterName, null, null);
        window = new AppWindow(stage, services, Theme.LIGHT);
        if (session != null) window.showMatter(session);
        window.show();
    }

    /** The window on the start screen, no matter open. */
    static AppFixture startScreen(Stage stage, Path tmp) {
        return new AppFixture(stage, tmp, null, () -> {});
    }

    /** The window on a new unencrypted matter called {@code name}, made in {@code matter} under the test's folder. */
    static AppFixture withMatter(Stage stage, Path tmp, String name) {
        return new AppFixture(stage, tmp, name, () -> {});
    }

    /**
     * As {@link #withMatter}, with grids built over {@link GridFixture#engine} instead of the real evidence engine:
     * {@link Grids#engine} is swapped before the services exist and put back first thing in {@link #close}.
     */
    static AppFixture withGridEngine(Stage stage, Path tmp, String name) {
        BiFunction<MatterSession, LlmGateway, Evidence> previous = Grids.engine;
        Grids.engine = (s, gw) -> GridFixture.engine(s.matter());
        try {
            return new AppFixture(stage, tmp, name, () -> Grids.engine = previous);
        } catch (RuntimeException | Error e) {
            Grids.engine = previous;
            throw e;
        }
    }

    WorkspaceView workspace() {
        return window.workspace();
    }

    /** Imports {@code folder} through the Documents pane and waits until the workspace has made it searchable. */
    void importAndIndex(FxRobot robot, Path folder) throws Exception {
        robot.interact(() -> workspace().documents().importPaths(List.of(folder)));
        StartScreenFxTest.waitUntil(() -> !workspace().documents().importing().get() && !workspace().search().indexing().get());
    }

    /**
     * Puts back any hook swapped at the start, detaches the window on the FX thread, closes the matter open in it
     * by then (the test may have closed or opened one) and then the services.
     */
    @Override
    public void close() throws Exception {
        restore.run();
        MatterSession open = WaitForAsyncUtils.asyncFx(() -> window.detach()).get();
        if (open != null) open.close();
        services.close();
    }
}
