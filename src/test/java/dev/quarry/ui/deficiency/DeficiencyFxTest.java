package dev.quarry.ui.deficiency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserSettings;
import dev.quarry.deficiency.model.Classification;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Deficiency pane: run an analysis, open evidence on its page, override with a note. */
@ExtendWith(ApplicationExtension.class)
class DeficiencyFxTest {
    @TempDir static Path tmp;
    private final FakeBackend backend = new FakeBackend();
    private final List<int[]> opened = new CopyOnWriteArrayList<>();
    private DeficiencyViewModel vm;

    @Start
    void start(Stage stage) {
        UserSettings settings = new UserSettings(tmp.resolve("settings.json"));
        settings.update(p -> p.withReviewer("Ann Reviewer"));
        vm = new DeficiencyViewModel(TaskRunner.withPool(2, Platform::runLater), backend, settings,
                (doc, page, s, e) -> opened.add(new int[] {(int) doc, page, s, e}));
        stage.setScene(new Scene(new DeficiencyView(vm, () -> {}), 1200, 800));
        stage.show();
        vm.load();
    }

    static void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return WaitForAsyncUtils.asyncFx(condition::get).get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runOpenEvidenceAndOverrideWithANote(FxRobot robot) throws Exception {
        waitUntil(() -> vm.productions().size() == 2 && vm.reviewer() != null);
        WaitForAsyncUtils.asyncFx(() -> {
            vm.requests().set(Path.of("rfp.docx"));
            vm.responses().set(Path.of("responses.pdf"));
            vm.production().set("VOL001");
        }).get();
        robot.clickOn("#deficiency-run");
        TableView<?> table = robot.lookup("#deficiency-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 2 && !vm.running().get());
        assertThat(backend.analysed.production()).isEqualTo("VOL001");
        assertThat(robot.lookup("#deficiency-summary").queryLabeled().getText()).contains("2 requests").contains("1 partially");

        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(1)).get();
        waitUntil(() -> robot.lookup(".deficiency-evidence").tryQuery().isPresent());
        robot.clickOn(".deficiency-evidence");
        waitUntil(() -> !opened.isEmpty());
        assertThat(opened.get(0)).containsExactly(7, 3, 120, 120 + "shall not compete with the Supplier".length());

        ComboBox<Classification> choice = robot.lookup("#deficiency-override-class").queryComboBox();
        WaitForAsyncUtils.asyncFx(() -> choice.setValue(Classification.FULLY_PRODUCED)).get();
        robot.clickOn("#deficiency-note").write("C is only a draft");
        robot.clickOn("#deficiency-override");
        waitUntil(() -> vm.rows().size() == 2 && vm.rows().get(1).overridden());
        assertThat(backend.lastUser).isEqualTo("Ann Reviewer");
        assertThat(backend.lastNote).isEqualTo("C is only a draft");
        assertThat(vm.rows().get(1).classification()).isEqualTo("fully_produced");
        assertThat(robot.lookup("#deficiency-detail-class").queryLabeled().getText()).contains("fully produced");
        TextArea note = robot.lookup("#deficiency-note").queryAs(TextArea.class);
        assertThat(note.getText()).isEqualTo("C is only a draft");
    }
}
