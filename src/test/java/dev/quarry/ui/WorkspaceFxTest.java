package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.UserSettings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.ui.common.Theme;
import dev.quarry.ui.workspace.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window over a real matter (real tokenizer through MatterSession): import, table, viewer, theme, shortcuts. */
@ExtendWith(ApplicationExtension.class)
class WorkspaceFxTest {
    @TempDir
    Path tmp;
    private AppFixture app;

    @Start
    void start(Stage stage) {
        app = AppFixture.withMatter(stage, tmp, "Workspace Test");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        org.testfx.util.WaitForAsyncUtils.asyncFx(Theme.LIGHT::apply).get();
    }

    @SuppressWarnings("unchecked")
    private TableView<DocumentSummary> table(FxRobot robot) {
        return robot.lookup("#documents-table").queryAs(TableView.class);
    }

    @Test
    void importingAFolderShowsEveryDocumentWithItsStatusAndOpensOneInTheViewer(FxRobot robot) throws Exception {
        Path folder = UiFixtures.textFolder(tmp.resolve("production"), 20);
        robot.interact(() -> app.workspace().documents().importPaths(List.of(folder)));
        waitUntil(() -> !app.workspace().documents().importing().get() && table(robot).getItems().size() == 21);

        assertThat(table(robot).getItems()).filteredOn(d -> d.status() == DocumentStatus.COMPLETED).hasSize(20);
        DocumentSummary empty = table(robot).getItems().stream().filter(d -> d.fileName().equals("empty.txt")).findFirst().orElseThrow();
        assertThat(empty.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(empty.error()).isNotBlank();
        // The row's cells are drawn on the next pulse after the rows arrive.
        waitUntil(() -> robot.lookup(".status-failed").tryQuery().isPresent());
        assertThat(robot.lookup(".status-failed").queryAs(Label.class).getText()).isEqualTo("Failed");
        assertThat(robot.lookup(".status-completed").queryAll()).isNotEmpty();
        assertThat(robot.lookup("#import-result").queryAs(Label.class).getText()).startsWith("Import finished: 21 files");
        assertThat(robot.lookup("#doc-count").queryAs(Label.class).getText()).isEqualTo("21 documents · 1 need attention");

        robot.clickOn("#doc-filter").write("memo-007");
        waitUntil(() -> table(robot).getItems().size() == 1);
        robot.doubleClickOn("memo-007.txt");
        waitUntil(() -> robot.lookup("#viewer-text").query().isVisible()
                && robot.lookup("#viewer-text").queryAs(TextArea.class).getText().startsWith("Memo 7."));
        assertThat(robot.lookup("#viewer-title").queryAs(Label.class).getText()).isEqualTo("memo-007.txt");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#documents-table").query().isVisible());
    }

    @Test
    void openAtShowsThePdfPageWithThePassageHighlighted(FxRobot robot) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("pdfs"));
        UiFixtures.pdf(in.resolve("supply-agreement.pdf"), 3);
        ImportService pdfImports = new ImportService(app.session.matter(), UiFixtures.importers(), app.session.tokens(), 1);
        pdfImports.run(pdfImports.plan(List.of(in), null), ProgressListener.NONE, new CancelToken());
        long id = app.session.documents().listAll().get(0).id();
        String line = UiFixtures.pdfLine(2);
        int start = line.indexOf("Globex");

        robot.interact(() -> app.workspace().openAt(id, 2, start, start + 6));
        waitUntil(() -> robot.lookup("#viewer-pdf").query().isVisible()
                && robot.lookup(".image-view").queryAs(ImageView.class).getImage() != null);
        assertThat(robot.lookup("#viewer-page").queryAs(TextField.class).getText()).isEqualTo("2");
        assertThat(robot.lookup("#viewer-page-count").queryAs(Label.class).getText()).isEqualTo("of 3");
        assertThat(robot.lookup(".passage-highlight").queryAll()).hasSize(1);

        robot.clickOn("#viewer-next");
        waitUntil(() -> "3".equals(robot.lookup("#viewer-page").queryAs(TextField.class).getText()));
        assertThat(robot.lookup(".passage-highlight").queryAll()).isEmpty();
    }

    @Test
    void switchingToTheDarkThemeAppliesItAndRemembersIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        robot.clickOn("#theme-dark");
        waitUntil(() -> Application.getUserAgentStylesheet().contains("primer-dark"));
        Path settings = tmp.resolve("home/settings.json");
        waitUntil(() -> Files.exists(settings) && readQuietly(settings).contains("\"dark\""));
        assertThat(new UserSettings(settings).load().theme()).isEqualTo("dark");

        robot.clickOn("#theme-light");
        waitUntil(() -> Application.getUserAgentStylesheet().contains("primer-light"));
    }

    @Test
    void theRailAndShortcutsSwitchPanesAndEveryCapabilityIsARealPane(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitUntil(() -> app.workspace().selected().get() == Section.SEARCH);
        assertThat(robot.lookup("#search-query").tryQuery()).isPresent();
        robot.clickOn("#nav-letters");
        waitUntil(() -> app.workspace().selected().get() == Section.LETTERS);
        assertThat(robot.lookup("#letters-pane").tryQuery()).isPresent();
        robot.clickOn("#nav-deficiency");
        waitUntil(() -> app.workspace().selected().get() == Section.DEFICIENCY);
        assertThat(robot.lookup("#deficiency-production").tryQuery()).isPresent();
        robot.clickOn("#nav-extraction");
        waitUntil(() -> app.workspace().selected().get() == Section.EXTRACTION);
        assertThat(robot.lookup("#grid-choice").tryQuery()).isPresent();
        // Nothing on the rail says "coming" any more: all four capabilities are built.
        assertThat(robot.lookup(".coming-tag").queryAll()).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        waitUntil(() -> app.workspace().selected().get() == Section.ACTIVITY
                && !robot.lookup("#audit-table").queryAs(TableView.class).getItems().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(() -> app.workspace().selected().get() == Section.DOCUMENTS
                && robot.lookup("#doc-filter").query().isFocused());
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
