package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentSummary;
import dev.quarry.testing.BatesVolume;
import java.nio.file.Path;
import java.util.List;
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
    private AppFixture app;

    @Start
    void start(Stage stage) {
        app = AppFixture.withMatter(stage, tmp, "Bates Test");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
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
        robot.interact(() -> app.workspace().documents().importPaths(List.of(volume)));
        waitUntil(() -> !app.workspace().documents().importing().get() && table(robot).getItems().size() == 4);

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
