package dev.quarry.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.evidence.Criterion;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grids over a real H2 matter and real imported documents, decided by a recorded engine double. */
class GridServiceTest {
    @TempDir Path tmp;
    Matter matter;
    GridService grids;
    RegexEvidence engine;

    @BeforeEach
    void setUp() throws Exception {
        matter = GridFixture.matter(tmp, 12);
        grids = new GridService(matter, null);
        engine = GridFixture.engine(matter);
    }

    @AfterEach
    void tearDown() {
        matter.close();
    }

    Grid create() {
        return grids.create(new GridService.NewGrid("Contracts", "commercial contracts", "en", DocumentSet.all(), GridFixture.variables(), null));
    }

    GridRunner.Report run(long runId) {
        return new GridRunner(grids, engine, 2).run(runId, p -> {}, new CancelToken());
    }

    @Test
    void aGridIsDefinedThenSampledThenRunOnAll() {
        Grid g = create();
        assertThat(g.status()).isEqualTo(GridStatus.SCHEMA_DEFINED);
        assertThat(grids.documents(g.id())).hasSize(12);
        for (Variable v : grids.variables(g.id())) {
            List<PromptVersion> p = grids.promptHistory(g.id(), v.name());
            assertThat(p).singleElement().satisfies(x -> {
                assertThat(x.version()).isEqualTo(1);
                assertThat(x.origin()).isEqualTo("generated");
                assertThat(x.promptText()).contains(v.name()).contains(v.instructions()).contains("commercial contracts");
            });
        }
        assertThatThrownBy(() -> grids.plan(g.id(), GridService.RunRequest.all(true))).hasMessageContaining("Run a sample first");

        GridRun sample = grids.plan(g.id(), GridService.RunRequest.sample(5, true));
        assertThat(grids.grid(g.id()).status()).isEqualTo(GridStatus.SAMPLE_TESTING);
        GridRunner.Report r = run(sample.id());
        assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(r.cellsDone()).isEqualTo(20);
        List<Long> sampled = grids.repository().runDocuments(sample.id());
        assertThat(sampled).hasSize(5);
        GridRun again = grids.plan(g.id(), GridService.RunRequest.sample(5, true));
        assertThat(grids.repository().runDocuments(again.id())).as("the same seed draws the same sample").isEqualTo(sampled);
        run(again.id());

        // Every value cell's quote is verified and its span points at the quote in the document's full text.
        DocumentRepository docs = new DocumentRepository(matter.db());
        for (Cell c : grids.repository().cellsOfRun(sample.id())) {
            assertThat(c.promptVersion()).isEqualTo(1);
            if (c.quote() == null) continue;
            assertThat(c.quoteVerified()).isTrue();
            String text = docs.fullText(c.documentId());
            assertThat(text.substring(c.startChar().intValue(), c.endChar().intValue())).isEqualTo(c.quote());
            assertThat(c.chunkId()).isNotNull();
            assertThat(c.page()).isEqualTo(1);
        }

        GridRun all = grids.plan(g.id(), GridService.RunRequest.all(true));
        assertThat(grids.grid(g.id()).status()).isEqualTo(GridStatus.PROCESSING);
        assertThat(run(all.id()).cellsDone()).isEqualTo(48);
        assertThat(grids.grid(g.id()).status()).isEqualTo(GridStatus.COMPLETE);
        GridTable t = grids.table(g.id());
        assertThat(t.rows()).hasSize(12);
        GridTable.Row first = t.rows().get(0);
        assertThat(first.entry("governing_law").value()).isEqualTo("Delaware");
        assertThat(first.entry("agreement_date").value()).isEqualTo("2019-01-10");
        assertThat(first.entry("non_compete").value()).isEqualTo("yes");
        assertThat(t.rows().get(1).entry("non_compete").value()).isEqualTo("no");
        assertThat(first.entry("notice_days").value()).isEqualTo("30");
    }

    @Test
    void feedbackBecomesANewPromptVersionAndTheSampleIsCompared() {
        Grid g = create();
        GridRun s1 = grids.plan(g.id(), GridService.RunRequest.sample(4, true));
        run(s1.id());
        List<Long> docs = grids.repository().runDocuments(s1.id());
        // The reviewer says the law is wrong on one document (with the right value) and right on another.
        grids.feedback(g.id(), docs.get(0), "governing_law", false, "always England", "England", "ana");
        grids.feedback(g.id(), docs.get(1), "governing_law", true, null, null, "ana");
        grids.feedback(g.id(), docs.get(2), "non_compete", false, "the clause is a non-solicit", null, "ana");
        List<GridService.Refinement> refined = grids.refine(g.id(), true);
        assertThat(refined).extracting(GridService.Refinement::variable).containsExactly("governing_law", "non_compete");
        assertThat(refined.get(0).origin()).isEqualTo("refined_offline");
        assertThat(refined.get(0).toVersion()).isEqualTo(2);
        PromptVersion v2 = grids.promptHistory(g.id(), "governing_law").get(1);
        assertThat(v2.examples()).hasSize(2);
        assertThat(v2.examples().get(0)).isEqualTo(new Criterion.Example("England", null, true, "always England", docs.get(0)));
        assertThat(v2.promptText()).contains("Reviewed examples").contains("England");
        assertThat(grids.refine(g.id(), true)).as("feedback is used once").isEmpty();

        GridRun s2 = grids.plan(g.id(), GridService.RunRequest.sample(4, true));
        run(s2.id());
        assertThat(grids.repository().runDocuments(s2.id())).isEqualTo(docs);
        Criterion lastLaw = engine.asked.stream().filter(c -> c.name().equals("governing_law")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastLaw.examples()).hasSize(2);
        for (Cell c : grids.repository().cellsOfRun(s2.id())) {
            int expected = c.variableId() == grids.variable(g.id(), "governing_law").id()
                    || c.variableId() == grids.variable(g.id(), "non_compete").id() ? 2 : 1;
            assertThat(c.promptVersion()).isEqualTo(expected);
        }
        RunComparison cmp = RunComparison.of(grids, s2.id());
        assertThat(cmp.previousRunId()).isEqualTo(s1.id());
        RunComparison.PerVariable law = cmp.variables().stream().filter(v -> v.variable().equals("governing_law")).findFirst().orElseThrow();
        assertThat(law.oldVersion()).isEqualTo(1);
        assertThat(law.newVersion()).isEqualTo(2);
        assertThat(law.common()).isEqualTo(4);
        assertThat(law.reviewed()).isEqualTo(2);
        assertThat(law.correctBefore()).isEqualTo(1);
        assertThat(law.correctAfter()).as("the double now says England everywhere: right on doc 0, wrong on doc 1").isEqualTo(1);
    }

    @Test
    void overridesSurviveReRunsAndErrorsAreLoggedCells() {
        Grid g = create();
        GridRun s1 = grids.plan(g.id(), GridService.RunRequest.sample(3, true));
        run(s1.id());
        long doc = grids.repository().runDocuments(s1.id()).get(0);
        grids.override(g.id(), doc, "governing_law", "Quebec", "ana");
        engine.failing = grids.repository().runDocuments(s1.id()).get(1);
        GridRun s2 = grids.plan(g.id(), GridService.RunRequest.sample(3, true));
        GridRunner.Report r = run(s2.id());
        assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(r.errors()).isEqualTo(4);
        GridTable t = grids.table(g.id());
        GridTable.Row row = t.rows().stream().filter(x -> x.document().id() == doc).findFirst().orElseThrow();
        assertThat(row.entry("governing_law").value()).isEqualTo("Quebec");
        assertThat(row.entry("governing_law").status()).isEqualTo("overridden");
        assertThat(row.entry("governing_law").cell().runId()).as("the run still made its own cell").isEqualTo(s2.id());
        List<LogEntry> logs = grids.repository().logs(s2.id());
        assertThat(logs.stream().filter(l -> l.level().equals("ERROR")).map(LogEntry::message))
                .hasSize(4).allMatch(m -> m.contains("invalid JSON"));
        GridTable.Row failed = t.rows().stream().filter(x -> x.document().id() == engine.failing).findFirst().orElseThrow();
        assertThat(failed.entry("notice_days").status()).isEqualTo("error");
        assertThat(failed.entry("notice_days").value()).as("an error is not a value").isNull();
    }

    @Test
    void aCancelledRunResumesWithExactlyTheMissingCells() {
        Grid g = create();
        run(grids.plan(g.id(), GridService.RunRequest.sample(2, true)).id());
        GridRun all = grids.plan(g.id(), GridService.RunRequest.all(true));
        CancelToken cancel = new CancelToken();
        RegexEvidence slow = GridFixture.engine(matter);
        slow.delayMs = 5;
        GridRunner runner = new GridRunner(grids, new dev.quarry.evidence.Evidence() {
            @Override
            public dev.quarry.evidence.Answer ask(long d, Criterion c, Mode m) {
                if (slow.calls.get() >= 13) cancel.cancel();
                return slow.ask(d, c, m);
            }
        }, 1);
        GridRunner.Report first = runner.run(all.id(), p -> {}, cancel);
        assertThat(first.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(first.cellsDone()).isBetween(13L, 47L);
        assertThat(grids.grid(g.id()).status()).isEqualTo(GridStatus.READY);
        GridRun unfinished = grids.unfinished(g.id(), RunKind.FULL).orElseThrow();
        assertThat(unfinished.id()).isEqualTo(all.id());
        int callsBefore = engine.calls.get();
        GridRunner.Report second = run(all.id());
        assertThat(second.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(second.cellsDone()).isEqualTo(48);
        assertThat(engine.calls.get() - callsBefore).as("only the missing cells are asked").isEqualTo(48 - first.cellsDone());
        Set<String> keys = new HashSet<>();
        for (Cell c : grids.repository().cellsOfRun(all.id())) assertThat(keys.add(c.documentId() + ":" + c.variableId())).isTrue();
        assertThat(keys).hasSize(48);
        assertThat(grids.grid(g.id()).status()).isEqualTo(GridStatus.COMPLETE);
        assertThat(grids.unfinished(g.id(), RunKind.FULL)).isEmpty();
    }

    @Test
    void aCellIsStoredOncePerRun() {
        Grid g = create();
        GridRun s = grids.plan(g.id(), GridService.RunRequest.sample(1, true));
        run(s.id());
        Cell c = grids.repository().cellsOfRun(s.id()).get(0);
        assertThat(grids.repository().insertCell(c)).as("the unique key refuses a second cell").isFalse();
        assertThat(grids.repository().countCells(s.id())).isEqualTo(4);
    }

    @Test
    void aListOrAProductionChoosesTheDocuments() {
        List<Long> two = grids.repository().documentIdsByName(List.of("contract-03.txt", "contract-07.txt")).values().stream()
                .flatMap(List::stream).toList();
        Grid g = grids.create(new GridService.NewGrid("Two", null, null, DocumentSet.list(two), GridFixture.variables(), null));
        assertThat(grids.documents(g.id())).extracting(GridDocument::fileName).containsExactly("contract-03.txt", "contract-07.txt");
        long prod = grids.repository().productionByName("contracts").orElseThrow();
        Grid p = grids.create(new GridService.NewGrid("Prod", null, null, DocumentSet.production(prod), GridFixture.variables(), null));
        assertThat(grids.documents(p.id())).hasSize(12);
        assertThat(grids.resolve("Two").id()).isEqualTo(g.id());
        assertThat(grids.resolve(String.valueOf(p.id())).name()).isEqualTo("Prod");
        assertThatThrownBy(() -> grids.resolve("nope")).hasMessageContaining("no grid 'nope'");
    }

    @Test
    void editingAVariableMakesANewVersionAndReturnsToSchemaDefined() {
        Grid g = create();
        run(grids.plan(g.id(), GridService.RunRequest.sample(2, true)).id());
        grids.editVariable(g.id(), "notice_days", new VariableSpec("notice_days", dev.quarry.evidence.ValueType.NUMBER,
                "The number of days of written notice either party must give to terminate.", List.of(), false, false));
        assertThat(grids.promptHistory(g.id(), "notice_days")).extracting(PromptVersion::origin).containsExactly("generated", "edited");
        assertThat(grids.grid(g.id()).status()).isEqualTo(GridStatus.SCHEMA_DEFINED);
        assertThatThrownBy(() -> grids.addVariable(g.id(), GridFixture.variables().get(0))).hasMessageContaining("already has");
    }
}
