package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.extraction.GridStatus;
import dev.quarry.extraction.Variable;
import dev.quarry.ui.extraction.GridViewModel;
import dev.quarry.ui.workspace.Section;
import dev.quarry.ui.workspace.WorkspaceView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Ask a question about every document offline: the pane offers "Make it a grid column"; the button lands on the
 * Extraction pane with the matter's question grid selected, the derived column in it and its sample run going or done.
 */
@ExtendWith(ApplicationExtension.class)
class AskGridOfferFxTest {
    @TempDir Path tmp;
    private AppFixture app;

    @Start
    void start(Stage stage) {
        app = AppFixture.withGridEngine(stage, tmp, "Ask Grid Test");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private WorkspaceView ws() {
        return app.workspace();
    }

    @Test
    void theOfferForAnEveryDocumentQuestionBecomesAGridColumnShownInExtraction(FxRobot robot) throws Exception {
        app.importAndIndex(robot, UiFixtures.contractFolder(tmp.resolve("contracts"), 6));

        robot.clickOn("#nav-ask");
        waitUntil(() -> ws().selected().get() == Section.ASK);
        robot.interact(() -> ws().ask().offline().set(true));
        // An ordinary question: no offer.
        robot.interact(() -> ws().ask().ask("What is the governing law of the agreement?"));
        waitUntil(() -> !ws().ask().asking().get() && ws().ask().result().get() != null);
        assertThat(robot.lookup("#ask-grid-offer").query().isVisible()).isFalse();

        String q = "Which agreements are governed by Delaware law?";
        robot.interact(() -> ws().ask().ask(q));
        waitUntil(() -> !ws().ask().asking().get() && ws().ask().result().get() != null && q.equals(ws().ask().result().get().question()));
        waitUntil(() -> robot.lookup("#ask-make-grid").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#ask-grid-offer-text").queryAs(javafx.scene.control.Label.class).getText()).contains("every document");

        robot.clickOn("#ask-make-grid");
        GridViewModel vm = ws().grid();
        waitUntil(() -> ws().selected().get() == Section.EXTRACTION && vm.grid().get() != null
                && vm.table().get() != null && vm.table().get().grid().id() == vm.grid().get().id());
        assertThat(vm.error().get()).isNull();
        assertThat(vm.grid().get().name()).isEqualTo("Questions from Ask");
        // The grid is selected in the pane's chooser, and the run (a sample first, as GridStatus requires) is on or done.
        waitUntil(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<dev.quarry.extraction.Grid> chooser = robot.lookup(n -> n instanceof ComboBox<?> && ((ComboBox<?>) n).getItems() == vm.grids())
                    .queryAs(ComboBox.class);
            return chooser.getValue() != null && chooser.getValue().id() == vm.grid().get().id();
        });
        waitUntil(() -> vm.running().get() || vm.grid().get().status() == GridStatus.SAMPLE_TESTING);
        waitUntil(() -> !vm.running().get() && vm.table().get().cellsDone() == 6);
        assertThat(vm.error().get()).isNull();
        List<Variable> vars = vm.table().get().variables();
        assertThat(vars).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("governed_delaware_law");
            assertThat(v.type()).isEqualTo(dev.quarry.evidence.ValueType.BOOLEAN);
            assertThat(v.instructions()).isEqualTo(q);
        });
        assertThat(vm.grid().get().status()).isEqualTo(GridStatus.SAMPLE_TESTING);
        assertThat(robot.lookup("#grid-progress-text").queryAs(javafx.scene.control.Label.class).getText()).contains("6 of 6 cells");

        // A second question extends the same grid with a second column.
        robot.clickOn("#nav-ask");
        String q2 = "How many contracts have a non-compete?";
        robot.interact(() -> ws().ask().ask(q2));
        waitUntil(() -> !ws().ask().asking().get() && ws().ask().result().get() != null && q2.equals(ws().ask().result().get().question()));
        waitUntil(() -> robot.lookup("#ask-make-grid").tryQuery().map(n -> n.isVisible()).orElse(false));
        long gridId = vm.grid().get().id();
        robot.clickOn("#ask-make-grid");
        waitUntil(() -> ws().selected().get() == Section.EXTRACTION && vm.table().get() != null && vm.table().get().variables().size() == 2
                && !vm.running().get() && vm.table().get().cellsDone() == 12);
        assertThat(vm.grid().get().id()).isEqualTo(gridId);
        assertThat(vm.grids()).hasSize(1);
        assertThat(vm.table().get().variables().get(1).name()).isEqualTo("non_compete");
    }
}
