package dev.quarry.ui;

import static dev.quarry.ui.StartScreenFxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmSettings;
import dev.quarry.qa.AnswerType;
import dev.quarry.qa.Citation;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchService;
import dev.quarry.ui.viewer.ViewerViewModel;
import dev.quarry.ui.workspace.Section;
import dev.quarry.ui.workspace.WorkspaceView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
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
 * Search and Ask over a real matter: a folder imported through the app (so its chunks are embedded and
 * keyword-indexed by the workspace itself), then a hit and a citation followed into the viewer.
 */
@ExtendWith(ApplicationExtension.class)
class SearchAskFxTest {
    @TempDir
    Path tmp;
    private AppFixture app;
    private FakeLlmServer llm;

    @Start
    void start(Stage stage) throws Exception {
        app = AppFixture.withMatter(stage, tmp, "Search Test");
        llm = new FakeLlmServer();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        llm.close();
    }

    private WorkspaceView workspace() {
        return app.workspace();
    }

    /** Imports 20 memos through the Documents pane and waits until the workspace has made them searchable. */
    private void importMemos(FxRobot robot) throws Exception {
        app.importAndIndex(robot, UiFixtures.textFolder(tmp.resolve("production"), 20));
    }

    private ViewerViewModel viewer() {
        return workspace().viewer();
    }

    @Test
    void aKeywordSearchFindsTheMemoAndAClickOpensItsPageWithThePassageHighlighted(FxRobot robot) throws Exception {
        importMemos(robot);
        robot.clickOn("#nav-search");
        robot.interact(() -> workspace().search().mode().set(SearchService.Mode.KEYWORD));
        robot.clickOn("#search-query").write("\"until March 7\"").press(KeyCode.ENTER).release(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchHit> hits = robot.lookup("#search-hits").queryAs(ListView.class);
        waitUntil(() -> !hits.getItems().isEmpty() && robot.lookup(".hit").tryQuery().isPresent());
        SearchHit first = hits.getItems().get(0);
        assertThat(first.fileName()).isEqualTo("memo-007.txt");
        assertThat(hits.getItems()).hasSize(1);
        // The snippet's match is drawn bold as its own run, never as markup.
        assertThat(robot.lookup(".hit-match").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".hit-text").queryAll().stream().map(n -> ((javafx.scene.text.Text) n).getText()))
                .noneMatch(t -> t.contains("<b>"));
        assertThat(robot.lookup("#search-notice").queryAs(Label.class).isVisible()).isFalse();

        robot.clickOn(".hit");
        waitUntil(() -> workspace().selected().get() == Section.DOCUMENTS && robot.lookup("#viewer-text").query().isVisible()
                && viewer().highlight().get() != null);
        assertThat(robot.lookup("#viewer-title").queryAs(Label.class).getText()).isEqualTo("memo-007.txt");
        assertThat(viewer().highlight().get().page()).isEqualTo(first.page());
        TextArea text = robot.lookup("#viewer-text").queryAs(TextArea.class);
        assertThat(text.getSelectedText()).contains("delayed until March 7");

        // Keywords that match nothing say so under the filters instead of an unexplained empty list.
        robot.clickOn("#nav-search");
        robot.interact(() -> {
            workspace().search().query().set("xylophon*");
            workspace().search().search();
        });
        waitUntil(() -> robot.lookup("#search-notice").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#search-notice").queryAs(Label.class).getText()).startsWith("No passage contains these keywords.");
    }

    @Test
    void aQuestionStreamsFromTheLocalModelAndItsCitationOpensTheSource(FxRobot robot) throws Exception {
        importMemos(robot);
        app.session.matter().settings().put(LlmSettings.PROVIDER, "openai");
        app.session.matter().settings().put(LlmSettings.BASE_URL, llm.openAiBaseUrl());
        app.session.matter().settings().put(LlmSettings.MODEL, "local-model");
        llm.always(FakeLlmServer.answer("The shipment of widgets was delayed until March [1]."));

        robot.clickOn("#nav-ask");
        robot.clickOn("#ask-question").write("When was the shipment of widgets delayed?").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> workspace().ask().result().get() != null);
        assertThat(workspace().ask().result().get().answerType()).isEqualTo(AnswerType.GROUNDED);
        assertThat(llm.received()).hasSize(1);
        assertThat(robot.lookup("#ask-banner").query().isVisible()).isFalse();
        waitUntil(() -> robot.lookup("#ask-marker-1").tryQuery().isPresent());
        waitUntil(() -> robot.lookup("#ask-citation-1").tryQuery().isPresent());
        assertThat(robot.lookup("#ask-history").queryAs(ListView.class).getItems()).hasSize(1);
        Citation cited = workspace().ask().citation(1).orElseThrow();

        robot.clickOn("#ask-marker-1");
        waitUntil(() -> workspace().selected().get() == Section.DOCUMENTS && robot.lookup("#viewer-text").query().isVisible()
                && viewer().document().get() != null && viewer().document().get().id() == cited.documentId()
                && viewer().highlight().get() != null);
        assertThat(robot.lookup("#viewer-title").queryAs(Label.class).getText()).isEqualTo(cited.fileName());

        robot.clickOn("#nav-ask");
        robot.clickOn("#ask-helpful");
        waitUntil(() -> robot.lookup("#ask-feedback-status").queryAs(Label.class).getText().contains("helpful"));

        // The Activity pane shows the call, and selecting it shows the exact text that went to the model.
        robot.clickOn("#nav-activity");
        waitUntil(() -> robot.lookup("#audit-table").queryAs(javafx.scene.control.TableView.class).getItems().stream()
                .anyMatch(e -> ((dev.quarry.core.AuditLog.Event) e).type().equals("llm.call")));
        robot.interact(() -> {
            var table = robot.lookup("#audit-table").<dev.quarry.core.AuditLog.Event>queryTableView();
            table.getItems().stream().filter(e -> e.type().equals("llm.call")).findFirst()
                    .ifPresent(e -> table.getSelectionModel().select(e));
        });
        waitUntil(() -> robot.lookup("#audit-sent-text").queryAs(TextArea.class).isVisible());
        String shown = robot.lookup("#audit-sent-text").queryAs(TextArea.class).getText();
        var msgs = llm.received().get(0).json().path("messages");
        assertThat(shown).contains(msgs.get(msgs.size() - 1).path("content").asText());
    }

    @Test
    void askingOfflineQuotesTheDocumentsAndSaysSo(FxRobot robot) throws Exception {
        importMemos(robot);
        app.session.matter().settings().put(LlmSettings.PROVIDER, "openai");
        app.session.matter().settings().put(LlmSettings.BASE_URL, llm.openAiBaseUrl());
        app.session.matter().settings().put(LlmSettings.MODEL, "local-model");

        robot.clickOn("#nav-ask");
        robot.clickOn("#ask-offline");
        robot.clickOn("#ask-question").write("Who reviewed the indemnity clause?");
        robot.clickOn("#ask-go");
        waitUntil(() -> workspace().ask().result().get() != null && robot.lookup("#ask-banner").query().isVisible());
        assertThat(workspace().ask().result().get().answerType()).isEqualTo(AnswerType.EXTRACTIVE);
        assertThat(robot.lookup("#ask-banner").queryAs(Label.class).getText())
                .isEqualTo("Answered offline by quoting the documents — no language model was used.");
        assertThat(llm.received()).isEmpty();
        assertThat(workspace().ask().result().get().citations()).as(workspace().ask().result().get().answer()).isNotEmpty();
        waitUntil(() -> robot.lookup("#ask-citation-1").tryQuery().isPresent());
    }

    @Test
    void aHitOnTheSecondPdfPageOpensThatPageWithTheHitHighlighted(FxRobot robot) throws Exception {
        Path in = java.nio.file.Files.createDirectories(tmp.resolve("pdfs"));
        UiFixtures.pdf(in.resolve("supply-agreement.pdf"), 3);
        dev.quarry.documents.ImportService pdfImports = new dev.quarry.documents.ImportService(app.session.matter(),
                UiFixtures.importers(), app.session.tokens(), 1);
        pdfImports.run(pdfImports.plan(List.of(in), null), dev.quarry.core.jobs.ProgressListener.NONE, new dev.quarry.core.jobs.CancelToken());
        robot.interact(() -> workspace().search().makeSearchable());
        waitUntil(() -> !workspace().search().indexing().get());

        robot.clickOn("#nav-search");
        robot.interact(() -> workspace().search().mode().set(SearchService.Mode.KEYWORD));
        robot.clickOn("#search-query").write("\"Page 2 of the supply\"").press(KeyCode.ENTER).release(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchHit> hits = robot.lookup("#search-hits").queryAs(ListView.class);
        waitUntil(() -> !hits.getItems().isEmpty() && robot.lookup(".hit").tryQuery().isPresent());
        SearchHit hit = hits.getItems().get(0);
        assertThat(hit.page()).isEqualTo(2);
        assertThat(hit.startChar()).isPositive(); // a full-text offset, past page 1 and its form feed

        robot.clickOn(".hit");
        waitUntil(() -> robot.lookup("#viewer-pdf").query().isVisible() && viewer().highlight().get() != null
                && robot.lookup(".passage-highlight").tryQuery().isPresent());
        assertThat(viewer().pageNumber().get()).isEqualTo(2);
        // Turned into offsets on page 2: the chunk is that page's text, so it starts at the page's first character.
        assertThat(viewer().highlight().get()).isEqualTo(new ViewerViewModel.Passage(2, 0, (int) (hit.endChar() - hit.startChar())));
    }

    @Test
    void aQuestionTheDocumentsDoNotAnswerSaysSoAndItsSuggestionsAreButtonsThatAsk(FxRobot robot) throws Exception {
        importMemos(robot);
        robot.clickOn("#nav-ask");
        robot.clickOn("#ask-offline");
        robot.clickOn("#ask-question").write("What was the quarterly revenue of the Brazilian subsidiary?");
        robot.clickOn("#ask-go");
        waitUntil(() -> workspace().ask().result().get() != null && robot.lookup("#ask-banner").query().isVisible());
        assertThat(workspace().ask().result().get().answerType()).isEqualTo(AnswerType.INSUFFICIENT_EVIDENCE);
        assertThat(robot.lookup("#ask-banner").queryAs(Label.class).getText()).contains("do not answer");
        List<String> suggestions = workspace().ask().result().get().suggestions();
        assertThat(suggestions).isNotEmpty();
        waitUntil(() -> robot.lookup(".suggestion").queryAll().size() == suggestions.size());

        robot.clickOn(suggestions.get(0));
        waitUntil(() -> workspace().ask().result().get() != null && !workspace().ask().asking().get()
                && workspace().ask().result().get().question().equals(suggestions.get(0)));
        assertThat(robot.lookup("#ask-history").queryAs(ListView.class).getItems()).hasSize(2);
    }
}
