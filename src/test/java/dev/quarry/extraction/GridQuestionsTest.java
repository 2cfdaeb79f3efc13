package dev.quarry.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Questions of a finished grid, answered from its cells; seed 003's answer for a column that does not exist. */
class GridQuestionsTest {
    @TempDir static Path tmp;
    static Matter matter;
    static GridTable table;

    @BeforeAll
    static void grid() throws Exception {
        matter = GridFixture.matter(tmp, 12);
        GridService grids = new GridService(matter, null);
        Grid g = grids.create(new GridService.NewGrid("Contracts", null, null, DocumentSet.all(), GridFixture.variables(), null));
        RegexEvidence engine = GridFixture.engine(matter);
        new GridRunner(grids, engine, 2).run(grids.plan(g.id(), GridService.RunRequest.sample(2, true)).id(), p -> {}, new CancelToken());
        new GridRunner(grids, engine, 2).run(grids.plan(g.id(), GridService.RunRequest.all(true)).id(), p -> {}, new CancelToken());
        table = grids.table(g.id());
    }

    @AfterAll
    static void close() {
        matter.close();
    }

    @Test
    void countsFromTheCellsCitingThem() {
        GridQuestions.Result r = GridQuestions.ask(table, "How many contracts choose Delaware law?");
        assertThat(r.answerType()).isEqualTo("answered");
        assertThat(r.intent()).isEqualTo(GridQuestions.Intent.COUNT);
        // contracts 0, 2, 5, 6, 8, 11 are Delaware
        assertThat(r.answer()).startsWith("6 of 12 documents");
        assertThat(r.cells()).hasSize(6).allSatisfy(c -> {
            assertThat(c.variable()).isEqualTo("governing_law");
            assertThat(c.value()).isEqualTo("Delaware");
        });
        assertThat(GridQuestions.ask(table, "How many agreements are governed by Ohio law?").answer()).startsWith("0 of 12");
    }

    @Test
    void listsFiltersAggregatesAndComparisons() {
        GridQuestions.Result list = GridQuestions.ask(table, "List the agreements with a non-compete");
        assertThat(list.answerType()).isEqualTo("answered");
        assertThat(list.cells()).extracting(GridQuestions.CellRef::fileName)
                .containsExactly("contract-00.txt", "contract-03.txt", "contract-06.txt", "contract-09.txt");
        GridQuestions.Result without = GridQuestions.ask(table, "Which contracts have no non-compete?");
        assertThat(without.cells()).hasSize(8);
        GridQuestions.Result avg = GridQuestions.ask(table, "What is the average notice period?");
        assertThat(avg.intent()).isEqualTo(GridQuestions.Intent.AGGREGATE);
        assertThat(avg.answer()).contains("57.5").contains("12 documents");
        assertThat(avg.cells()).hasSize(12);
        assertThat(GridQuestions.ask(table, "What is the longest notice period?").answer()).contains("85");
        assertThat(GridQuestions.ask(table, "What is the earliest agreement date?").answer()).contains("2019-01-10");
        GridQuestions.Result cmp = GridQuestions.ask(table, "Compare the contracts by governing law");
        assertThat(cmp.intent()).isEqualTo(GridQuestions.Intent.COMPARISON);
        assertThat(cmp.answer()).contains("Delaware 6").contains("New York 2").contains("California 2").contains("Texas 2");
        GridQuestions.Result filter = GridQuestions.ask(table, "Contracts governed by California law with a non-compete");
        assertThat(filter.cells()).extracting(GridQuestions.CellRef::fileName).containsExactly("contract-03.txt", "contract-09.txt");
    }

    @Test
    void aMissingColumnGetsSeed003sAnswer() {
        GridQuestions.Result r = GridQuestions.ask(table, "How many contracts have a salary cap?");
        assertThat(r.answerType()).isEqualTo("not_available");
        assertThat(r.unmatchedTerms()).containsExactly("salary", "cap");
        assertThat(r.availableColumns()).containsExactly("governing_law", "agreement_date", "notice_days", "non_compete");
        assertThat(r.suggestions()).hasSize(3).doesNotHaveDuplicates();
        assertThat(r.cells()).isEmpty();
        // Each suggestion is a question this grid answers.
        for (String s : r.suggestions()) assertThat(GridQuestions.ask(table, s).answerType()).as(s).isEqualTo("answered");
    }

    @Test
    void nearMatchesAndSynonymsCountAsFound() {
        GridQuestions.Result typo = GridQuestions.ask(table, "How many contracts have a non-complete clause?");
        assertThat(typo.answerType()).isEqualTo("answered");
        assertThat(typo.nearMatches()).containsEntry("complete", "non_compete");
        GridQuestions.Result syn = GridQuestions.ask(table, "Which jurisdiction governs each agreement?");
        assertThat(syn.answerType()).isEqualTo("answered");
        assertThat(syn.matchedColumns()).contains("governing_law");
    }
}
