package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.extraction.GridFixture;
import dev.quarry.extraction.GridTable;
import dev.quarry.extraction.PromptVersion;
import dev.quarry.ui.extraction.GridViewModel;
import dev.quarry.ui.workspace.Section;
import dev.quarry.ui.workspace.WorkspaceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Extraction pane over a real matter imported through the app: define a grid, run a sample, click a cell to
 * its highlighted quote in the viewer, mark a cell wrong and refine, export. Cells come from the engine double.
 */
@ExtendWith(ApplicationExtension.class)
class GridFxTest {
    @TempDir Path tmp;
    private AppFixture app;

    @Start
    void start(Stage stage) {
        app = AppFixture.withGridEngine(stage, tmp, "Grid Test");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private WorkspaceView ws() {
        return app.workspace();
    }

    @Test
    void defineSampleFollowACellToItsQuoteMarkWrongRefineAndExport(FxRobot robot) throws Exception {
        app.importAndIndex(robot, UiFixtures.contractFolder(tmp.resolve("contracts"), 12));

        robot.clickOn("#nav-extraction");
        waitUntil(() -> ws().selected().get() == Section.EXTRACTION);
        GridViewModel vm = ws().grid();
        // Define: a grid with one column, then three more through the variable editor's view model.
        robot.interact(() -> vm.createGrid("Supply", List.of(GridFixture.variables().get(0))));
        waitUntil(() -> vm.table().get() != null && vm.table().get().variables().size() == 1);
        for (int i = 1; i < 4; i++) {
            int k = i;
            robot.interact(() -> vm.saveVariable(null, GridFixture.variables().get(k)));
            waitUntil(() -> vm.table().get().variables().size() == k + 1);
        }
        @SuppressWarnings("unchecked")
        TableView<GridTable.Row> table = robot.lookup("#grid-table").queryAs(TableView.class);
        waitUntil(() -> table.getColumns().size() == 5 && table.getItems().size() == 12);

        // Sample 4 documents with the button; progress shows in cells.
        robot.interact(() -> vm.sampleSize().set(4));
        robot.clickOn("#grid-run-sample");
        waitUntil(() -> !vm.running().get() && vm.table().get().cellsDone() == 16);
        assertThat(vm.notice().get()).contains("16 of 16 cells");

        // Click a sampled governing_law cell: its quote shows; "Show in document" opens the viewer on it, highlighted.
        int row = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).entry("governing_law").cell() != null) {
                row = i;
                break;
            }
        }
        assertThat(row).isNotNegative();
        int r = row;
        robot.interact(() -> {
            table.scrollTo(r);
            table.getSelectionModel().clearAndSelect(r, table.getColumns().get(1));
        });
        waitUntil(() -> vm.selected().get() != null && !robot.lookup("#grid-cell-quote").queryAs(TextArea.class).getText().isEmpty());
        String quote = robot.lookup("#grid-cell-quote").queryAs(TextArea.class).getText();
        assertThat(quote).startsWith("laws of the State of");
        String fileName = table.getItems().get(r).document().fileName();
        robot.clickOn("#grid-open-quote");
        waitUntil(() -> ws().selected().get() == Section.DOCUMENTS && robot.lookup("#viewer-text").query().isVisible()
                && ws().viewer().highlight().get() != null);
        assertThat(robot.lookup("#viewer-text").queryAs(TextArea.class).getSelectedText()).isEqualTo(quote);
        assertThat(robot.lookup("#viewer-title").queryAs(javafx.scene.control.Label.class).getText()).isEqualTo(fileName);

        // Mark it wrong with a comment and the right value, then refine: a new prompt version with the example.
        robot.clickOn("#nav-extraction");
        waitUntil(() -> ws().selected().get() == Section.EXTRACTION && vm.selected().get() != null);
        robot.interact(() -> {
            robot.lookup("#grid-comment").queryAs(javafx.scene.control.TextField.class).setText("always Ontario: the schedule overrides");
            robot.lookup("#grid-right-value").queryAs(javafx.scene.control.TextField.class).setText("Ontario");
            robot.lookup("#grid-mark-wrong").queryAs(javafx.scene.control.Button.class).fire();
        });
        waitUntil(() -> vm.error().get() != null || vm.selected().get() != null && vm.selected().get().feedback() != null);
        assertThat(vm.error().get()).isNull();
        robot.interact(() -> robot.lookup("#grid-refine").queryAs(javafx.scene.control.Button.class).fire());
        waitUntil(() -> vm.history().size() == 2);
        PromptVersion v2 = vm.history().get(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.origin()).isEqualTo("refined_offline");
        assertThat(v2.examples()).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo("Ontario"));

        // Re-run the sample: the same documents, the new version, compared with the old.
        robot.clickOn("#grid-run-sample");
        waitUntil(() -> !vm.running().get() && vm.notice().get().contains("v1→v2"));
        assertThat(vm.table().get().rows().get(r).entry("governing_law").cell().promptVersion()).isEqualTo(2);

        // Filter by confidence below the threshold: the double's "no" cells (0.55) and refined cells (0.5) stay.
        robot.interact(() -> vm.lowConfidenceOnly().set(true));
        waitUntil(() -> table.getItems().size() < 12 && !table.getItems().isEmpty());
        robot.interact(() -> vm.lowConfidenceOnly().set(false));

        Path out = tmp.resolve("grid.xlsx");
        robot.interact(() -> vm.export("xlsx", out));
        waitUntil(() -> Files.exists(out) && vm.notice().get().startsWith("Wrote"));
        Path csv = tmp.resolve("grid.csv");
        robot.interact(() -> vm.export("csv-long", csv));
        waitUntil(() -> Files.exists(csv));
        assertThat(Files.readAllLines(csv).get(0)).startsWith("file_name,document_id,variable,value,confidence,quote");
    }
}
