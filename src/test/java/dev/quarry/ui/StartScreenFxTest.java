package dev.quarry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The start screen driven like a user: create an encrypted matter, close it, reopen it with a wrong then the right password. */
@ExtendWith(ApplicationExtension.class)
class StartScreenFxTest {
    @TempDir
    Path tmp;
    private Stage stage;
    private AppFixture app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = AppFixture.startScreen(stage, tmp);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    static void waitUntil(Supplier<Boolean> condition) throws Exception {
        // The condition is read on the FX thread, where the window changes, never between two of its steps;
        // then pending layout passes run, so that what the condition saw is also on screen to click.
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return WaitForAsyncUtils.asyncFx(condition::get).get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void createAnEncryptedMatterThenReopenItWithAWrongAndThenTheRightPassword(FxRobot robot) throws Exception {
        assertThat(stage.getTitle()).isEqualTo("Quarry");
        robot.clickOn("#create-name").write("Acme v. Globex");
        robot.clickOn("#create-location").write(tmp.resolve("matters").toString());
        robot.clickOn("#create-password").write("tr0ub4dor");
        robot.clickOn("#create-confirm").write("tr0ub4dor");
        robot.clickOn("#create-button");
        waitUntil(() -> app.window.workspace() != null);
        assertThat(stage.getTitle()).isEqualTo("Quarry — Acme v. Globex");
        assertThat(Files.exists(tmp.resolve("matters/Acme v. Globex/matter.json"))).isTrue();

        robot.clickOn("#close-matter");
        waitUntil(() -> app.window.workspace() == null && robot.lookup("#recent-list").tryQuery()
                .map(n -> ((ListView<?>) n).getItems().size() == 1).orElse(false)
                && robot.lookup("Acme v. Globex").tryQuery().isPresent());
        assertThat(stage.getTitle()).isEqualTo("Quarry");
        robot.clickOn("Acme v. Globex");
        robot.clickOn("#open-recent");
        waitUntil(() -> app.window.start().passwordFor().get() != null);

        robot.clickOn("#open-password").write("wrong guess");
        robot.clickOn("#open-password-submit");
        waitUntil(() -> !robot.lookup("#password-error").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#password-error").queryAs(Label.class).getText())
                .isEqualTo("The password is not right for this matter.");
        assertThat(app.window.workspace()).isNull();

        robot.clickOn("#open-password").write("tr0ub4dor");
        robot.clickOn("#open-password-submit");
        waitUntil(() -> app.window.workspace() != null);
        assertThat(stage.getTitle()).isEqualTo("Quarry — Acme v. Globex");
        assertThat(app.window.workspace().session().matter().encrypted()).isTrue();
    }

    @Test
    void aFolderThatIsNotAMatterShowsOneSentenceWithCopyableDetails(FxRobot robot) throws Exception {
        robot.interact(() -> app.window.start().open(tmp));
        waitUntil(() -> robot.lookup("#error-message").queryAs(Label.class).isVisible()
                && !robot.lookup("#error-message").queryAs(Label.class).getText().isEmpty());
        String shown = robot.lookup("#error-message").queryAs(Label.class).getText();
        assertThat(shown).contains("is not a Quarry matter").doesNotContain("Exception").doesNotContain("\tat ");
        robot.clickOn("Copy details");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).startsWith(shown);
    }
}
