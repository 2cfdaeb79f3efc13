package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.LetterWiring;
import dev.quarry.app.TaskRunner;
import dev.quarry.core.Matter;
import dev.quarry.export.DocText;
import dev.quarry.letters.LetterExports;
import dev.quarry.letters.LetterFixtures;
import dev.quarry.letters.LetterMeta;
import dev.quarry.letters.LetterPolisher;
import dev.quarry.letters.LetterRepository;
import dev.quarry.letters.LetterService;
import dev.quarry.letters.ReportSource;
import dev.quarry.letters.Templates;
import dev.quarry.ui.common.Theme;
import dev.quarry.ui.letters.LettersView;
import dev.quarry.ui.letters.LettersViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Letters pane driven like a user over a real matter and in-memory reports: open a report's draft, fill
 * the metadata form (two recipients), edit the Markdown and see the preview follow, save a version, compare
 * two versions, export a DOCX and read it back.
 */
@ExtendWith(ApplicationExtension.class)
class LettersFxTest {
    @TempDir
    Path tmp;
    private Matter matter;
    private TaskRunner tasks;
    private LettersView view;
    private LettersViewModel vm;
    private LetterService service;
    private final AtomicInteger dialogs = new AtomicInteger();

    @Start
    void start(Stage stage) {
        // Test setup only: the app opens matters through the task runner.
        matter = Matter.create(tmp.resolve("matter"), "Letters Test", null, null);
        service = new LetterService(new LetterRepository(matter.db()), ReportSource.of(List.of(LetterFixtures.federal(3), LetterFixtures.california(1))),
                Templates.forHome(tmp.resolve("home")), LetterFixtures.bates(), matter.audit());
        tasks = TaskRunner.withPool(2, Platform::runLater);
        vm = new LettersViewModel(tasks, new LetterWiring.Letters(service, new LetterExports(service, LetterFixtures.bates()),
                new LetterPolisher(service, null)));
        view = new LettersView(vm);
        view.setSaveDialog(name -> {
            dialogs.incrementAndGet();
            return tmp.resolve("exports").resolve(name);
        });
        Theme.LIGHT.apply();
        Scene scene = new Scene(view, 1280, 860);
        scene.getStylesheets().add(Theme.APP_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        tasks.close();
        matter.close();
    }

    private static String text(Node n) {
        if (n instanceof Text t) return t.getText();
        if (n instanceof TextFlow f) return f.getChildren().stream().map(LettersFxTest::text).reduce("", String::concat);
        return "";
    }

    private boolean previewShows(FxRobot robot, String selector, String s) {
        return robot.lookup("#letter-preview " + selector).queryAll().stream().anyMatch(n -> text(n).contains(s));
    }

    private void type(FxRobot robot, String id, String s) {
        robot.clickOn("#" + id).write(s);
    }

    @Test
    void aDraftIsFilledInEditedSavedComparedAndExported(FxRobot robot) throws Exception {
        // A letter drafted earlier with no metadata at all, from report 12.
        service.draft(12, "federal", LetterMeta.empty(), "earlier");
        robot.interact(vm::load);
        waitUntil(() -> vm.reports().size() == 2);
        robot.clickOn("Report 12 \u00b7 VOL001 \u00b7 v3");
        waitUntil(() -> vm.drafts().size() == 1 && robot.lookup("#letters-drafts .list-cell").queryAll().stream()
                .anyMatch(c -> ((ListCell<?>) c).getItem() != null));
        Node row = robot.lookup("#letters-drafts .list-cell").queryAll().stream().filter(c -> ((ListCell<?>) c).getItem() != null).findFirst().orElseThrow();
        robot.clickOn(row);
        waitUntil(() -> vm.letter().get() != null && robot.lookup("#letter-missing").query().isVisible());
        assertThat(robot.lookup("#letter-missing").queryAs(Label.class).getText()).contains("Letter date", "Conference offer");
        assertThat(robot.lookup("#letter-deadlines").queryAs(Label.class).getText()).isEmpty();

        // Export is refused while fields are missing; no save dialog is shown.
        robot.clickOn("#letter-export-docx");
        waitUntil(() -> robot.lookup("#letters-status").queryAs(Label.class).getText().startsWith("Not exported: fill in"));
        assertThat(dialogs.get()).isZero();

        // The metadata form, two recipients.
        tab(robot, "Metadata");
        waitUntil(() -> shown(robot.lookup("#letter-field-letter_date").query()));
        type(robot, "letter-field-letter_date", "2024-11-20");
        type(robot, "letter-field-respond_within_days", "14");
        type(robot, "letter-field-responses_served_on", "2024-11-09");
        type(robot, "letter-field-responses_service", "electronic");
        type(robot, "letter-field-sender-name", "Avery Quinn");
        type(robot, "letter-field-sender-firm", "Quinn & Moreau LLP");
        type(robot, "letter-field-sender-address", "400 Market Street, San Francisco");
        type(robot, "letter-field-sender-email", "aquinn@qm.example");
        type(robot, "letter-field-conference_offer", "We are available on November 25.");
        type(robot, "letter-recipient-0-name", "Jordan Ellis");
        type(robot, "letter-recipient-0-email", "jellis@hb.example");
        robot.clickOn("#letter-add-recipient");
        waitUntil(() -> robot.lookup("#letter-recipient-1-name").tryQuery().isPresent());
        type(robot, "letter-recipient-1-name", "Morgan Lee");
        type(robot, "letter-recipient-1-address", "55 West Monroe Street, Chicago");
        robot.clickOn("#letter-redraft");
        waitUntil(() -> vm.versions().size() == 2 && !robot.lookup("#letter-missing").query().isVisible());
        assertThat(robot.lookup("#letter-recipient-1-name").queryAs(TextField.class).getText()).isEqualTo("Morgan Lee");
        assertThat(robot.lookup("#letter-deadlines").queryAs(Label.class).getText()).isEqualTo("Respond by: Wed Dec 4, 2024");

        // The editor beside its preview: an edit shows in the preview before it is saved.
        tab(robot, "Draft");
        waitUntil(() -> shown(robot.lookup("#letter-editor").query()) && previewShows(robot, ".preview-text", "Morgan Lee"));
        robot.clickOn("#letter-editor");
        robot.interact(() -> robot.lookup("#letter-editor").queryAs(TextArea.class).positionCaret(0));
        robot.write("## Privileged settlement communication");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> previewShows(robot, ".preview-h2", "Privileged settlement communication"));
        robot.clickOn("#letter-save");
        waitUntil(() -> vm.versions().size() == 3 && robot.lookup("#letters-status").queryAs(Label.class).getText().contains("version 3"));

        // The diff between versions 2 and 3.
        tab(robot, "Versions");
        waitUntil(() -> shown(robot.lookup("#letter-versions").query()) && ((ListView<?>) robot.lookup("#letter-versions").query()).getItems().size() == 3);
        robot.clickOn(cell(robot, "#letter-versions", "v2 \u00b7"));
        // Shift+Down extends the selection to v3 (a modifier held over a mouse click is not seen under Monocle).
        robot.press(KeyCode.SHIFT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.SHIFT);
        waitUntil(() -> ((ListView<?>) robot.lookup("#letter-versions").query()).getSelectionModel().getSelectedItems().size() == 2);
        robot.clickOn("#letter-compare");
        waitUntil(() -> robot.lookup("#letter-diff .diff-added").queryAll().stream()
                .anyMatch(c -> ((ListCell<?>) c).getGraphic() instanceof Text t && t.getText().contains("Privileged settlement communication")));
        assertThat(robot.lookup("#letter-diff-summary").queryAs(Label.class).getText()).isEqualTo("v2 \u2192 v3: 2 lines added, 0 removed");

        // Export the DOCX and read it back.
        robot.clickOn("#letter-export-docx");
        waitUntil(() -> robot.lookup("#letters-status").queryAs(Label.class).getText().startsWith("Exported version 3"));
        assertThat(dialogs.get()).isEqualTo(1);
        String docx = DocText.of(tmp.resolve("exports/letter.docx"));
        assertThat(docx).contains("Privileged settlement communication", "November 20, 2024", "Jordan Ellis", "Morgan Lee",
                "Request for Production No. 7", "Request for Production No. 11", "Request for Production No. 12", "December 4, 2024", "Avery Quinn")
                .doesNotContain("quarry:", "\u27e6", "**");
    }

    /** Clicks a tab's header. */
    private static void tab(FxRobot robot, String name) {
        robot.clickOn(robot.lookup(".letters-tabs > .tab-header-area .tab-label").queryAll().stream()
                .filter(n -> name.equals(((javafx.scene.control.Labeled) n).getText())).findFirst().orElseThrow());
    }

    /** On screen: the node and every parent visible (a tab not selected hides its content's container). */
    private static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) if (!x.isVisible()) return false;
        return n.getScene() != null;
    }

    private static Node cell(FxRobot robot, String list, String startsWith) {
        return robot.lookup(list + " .list-cell").queryAll().stream()
                .filter(c -> ((ListCell<?>) c).getText() != null && ((ListCell<?>) c).getText().startsWith(startsWith)).findFirst().orElseThrow();
    }
}
