package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.AppServices;
import dev.quarry.app.Matters;
import dev.quarry.app.MatterSession;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserSettings;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.testing.BatesVolume;
import dev.quarry.ui.common.Theme;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Documents filter with a load-file volume: a Bates number inside a one-page text's range finds it, a
 * split text opens at the number's page, the original name shows beside the Bates name, and a number
 * nothing holds says so (not "No documents yet").
 */
@ExtendWith(ApplicationExtension.class)
class DocumentsBatesFxTest {
    @TempDir
    Path tmp;
    private AppServices services;
    private AppWindow window;

    @Start
    void start(Stage stage) {
        services = new AppServices(TaskRunner.withPool(2, Platform::runLater),
                new UserSettings(tmp.resolve("home/settings.json")), new Matters());
        MatterSession session = services.matters().create(tmp.resolve("matter"), "Bates Test", null, null);
        window = new AppWindow(stage, services, Theme.LIGHT);
        window.showMatter(session);
        window.show();
    }

    @AfterEach
    void stop() throws Exception {
        MatterSession open = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> window.detach()).get();
        if (open != null) open.close();
        services.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<DocumentSummary> table(FxRobot robot) {
        return robot.lookup("#documents-table").queryAs(TableView.class);
    }

    private void filter(FxRobot robot, String text) {
        robot.interact(() -> robot.lookup("#doc-filter").queryAs(TextField.class).clear());
        robot.clickOn("#doc-filter").write(text);
    }

    @Test
    void anInnerBatesNumberFindsAndOpensItsDocument(FxRobot robot) throws Exception {
        Path volume = BatesVolume.write(tmp.resolve("production"));
        robot.interact(() -> window.workspace().documents().importPaths(List.of(volume)));
        waitUntil(() -> !window.workspace().documents().importing().get() && table(robot).getItems().size() == 4);

        filter(robot, "XYZ0000050");
        waitUntil(() -> table(robot).getItems().size() == 1);
        assertThat(table(robot).getItems().get(0).batesBegin()).isEqualTo("XYZ0000008");
        robot.doubleClickOn(BatesVolume.NO_BREAK_ORIGINAL);
        // The viewer loads off the FX thread: wait for the document's title before reading its page count.
        String title = "XYZ0000008.txt (" + BatesVolume.NO_BREAK_ORIGINAL + ")";
        waitUntil(() -> robot.lookup("#viewer-title").query().isVisible()
                && title.equals(robot.lookup("#viewer-title").queryAs(Label.class).getText()));
        waitUntil(() -> "of 1".equals(robot.lookup("#viewer-page-count").queryAs(Label.class).getText()));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#documents-table").query().isVisible());

        filter(robot, "XYZ0000006");
        waitUntil(() -> table(robot).getItems().size() == 1);
        robot.doubleClickOn("Office Lease 2019.txt");
        waitUntil(() -> "XYZ0000005.txt (Office Lease 2019.txt)".equals(robot.lookup("#viewer-title").queryAs(Label.class).getText())
                && "of 3".equals(robot.lookup("#viewer-page-count").queryAs(Label.class).getText()));
        waitUntil(() -> "2".equals(robot.lookup("#viewer-page").queryAs(TextField.class).getText()));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#documents-table").query().isVisible());

        filter(robot, "XYZ0000999");
        waitUntil(() -> table(robot).getItems().isEmpty());
        assertThat(robot.lookup("#documents-empty-title").queryAs(Label.class).getText())
                .isEqualTo("No document matches \u201cXYZ0000999\u201d");
    }
}
