package dev.quarry.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.jobs.CancelToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The offline engine end to end on generated contracts: real H2, the real embedding model, both indexes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceEngineTest {
    EvidenceFixture fx;
    EvidenceEngine engine;
    long texas, unsigned, london, signedAtTheEnd, longContents, amendment;
    final List<Long> competes = new ArrayList<>(), free = new ArrayList<>();

    @BeforeAll
    void setUp(@TempDir Path tmp) {
        fx = new EvidenceFixture(tmp);
        texas = fx.add("texas.txt", EvidenceFixture.contract("ACME Corp., a corporation organized under the laws of the State of Delaware, and Beta LLC",
                "the 1st day of March, 2019", "the State of Texas", true,
                "4. Term. This Agreement renews automatically for successive one (1) year renewal terms unless either party gives "
                        + "ninety (90) days notice of non-renewal."));
        unsigned = fx.add("unsigned.txt", EvidenceFixture.contract("Gamma Inc. and Delta Ltd.", "September ___, 2019", null, false));
        london = fx.add("london.txt", EvidenceFixture.contract("Epsilon plc and Zeta GmbH", "12 June 2017", "England and Wales", false,
                "5. Liability. In no event shall either party's aggregate liability under this Agreement exceed the fees paid "
                        + "in the twelve (12) months before the claim, being at most $250,000."));
        // No date in the preamble: the signature blocks give it, and the later signature is when the agreement was made.
        signedAtTheEnd = fx.add("signed.txt", "HOSTING AGREEMENT. This Hosting Agreement is between Theta Inc. and Iota LLC.",
                "1. Services. The Provider shall host the Customer's web site and keep it available.",
                "2. Fees. The Customer shall pay the fees set out in Schedule 1 within thirty (30) days of invoice.",
                "3. Notices. All notices shall be in writing and delivered by hand or by courier to the addresses above.",
                "IN WITNESS WHEREOF the parties have signed this Agreement. THETA INC. By: /s/ Ann Roe Date: 1/9/02   "
                        + "IOTA LLC By: /s/ Bob Poe Date: 1/14/02");
        // A long table of contents pushes the preamble past the first passages.
        StringBuilder contents = new StringBuilder("MAINTENANCE AGREEMENT. TABLE OF CONTENTS. ");
        for (int i = 1; i <= 40; i++) contents.append("Article ").append(i).append(" Definitions and other matters .......... ").append(i).append(". ");
        String[] pages = new String[8];
        for (int i = 0; i < 6; i++) pages[i] = contents.toString();
        pages[6] = "This Agreement is entered into this 31 January, 1994 by and between Kappa S.A. and Lambda Inc.";
        pages[7] = "1. Maintenance. Kappa shall maintain the software described in Exhibit A.";
        longContents = fx.add("contents.txt", pages);
        // An amendment's own date is its agreement date, not another agreement's.
        amendment = fx.add("amendment.txt", "SECOND AMENDMENT TO CO-BRANDING AGREEMENT. THIS SECOND AMENDMENT TO CO-BRANDING AGREEMENT (this "
                + "\"Amendment\") is made and entered into, effective for all purposes and in all respects as of the 23rd day of February, "
                + "1998, by and between Mu Inc. and Nu Corp.", "1. Term. Section 2 of the Co-Branding Agreement is replaced as follows.");
        competes.add(texas);
        free.add(unsigned);
        free.add(london);
        for (int i = 0; i < 3; i++) {
            competes.add(fx.add("compete-" + i + ".txt", EvidenceFixture.contract("Party " + i + " Inc. and Other " + i + " LLC",
                    "May " + (i + 2) + ", 2020", "the State of New York", true)));
            free.add(fx.add("free-" + i + ".txt", EvidenceFixture.contract("Maker " + i + " Inc. and Seller " + i + " LLC",
                    "July " + (i + 2) + ", 2021", "the State of California", false)));
        }
        fx.searchable();
        engine = new EvidenceEngine(fx.matter, fx.retrieval, null);
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }

    @Test
    void governingLawIsTheJurisdictionsNameWithAVerifiedQuoteNotThePartysPlaceOfOrganisation() {
        Answer a = engine.ask(texas, FieldTemplates.criterion("governing_law"), Evidence.Mode.OFFLINE);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.VALUE);
        assertThat(a.value()).isEqualTo("Texas");
        assertThat(a.method()).isEqualTo(Answer.Method.OFFLINE);
        assertThat(a.quote().verified()).isTrue();
        assertThat(a.quote().text()).contains("governed by");
        String full = new dev.quarry.documents.DocumentRepository(fx.matter.db()).fullText(texas);
        // The span is the quote as it stands in the document (QuoteCheck leaves the closing full stop out).
        String span = full.substring((int) a.quote().startChar(), (int) a.quote().endChar());
        assertThat(a.quote().text()).startsWith(span);
        assertThat(span.length()).isGreaterThanOrEqualTo(a.quote().text().length() - 1);
        assertThat(engine.ask(london, FieldTemplates.criterion("governing_law"), Evidence.Mode.OFFLINE).value()).isEqualTo("England and Wales");
    }

    @Test
    void notStatedIsAValueOfItsOwnWithItsProofOfAbsence() {
        Answer a = engine.ask(unsigned, FieldTemplates.criterion("governing_law"), Evidence.Mode.OFFLINE);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.NOT_STATED);
        assertThat(a.value()).isEmpty();
        assertThat(a.quote()).isNull();
        assertThat(a.error()).isNull();
        assertThat(a.queriesRun()).isEqualTo(FieldTemplates.criterion("governing_law").queries());
        assertThat(a.closest()).isNotEmpty();
        assertThat(a.closest().get(0).text()).isNotBlank();
    }

    @Test
    void datesAreIsoAtThePrecisionTheTextGives() {
        Criterion date = FieldTemplates.criterion("agreement_date");
        assertThat(engine.ask(texas, date, Evidence.Mode.OFFLINE).value()).isEqualTo("2019-03-01");
        assertThat(engine.ask(london, date, Evidence.Mode.OFFLINE).value()).isEqualTo("2017-06-12");
        Answer blank = engine.ask(unsigned, date, Evidence.Mode.OFFLINE);
        assertThat(blank.value()).isEqualTo("2019-09");
        assertThat(blank.confidence()).isLessThanOrEqualTo(0.6);
        assertThat(blank.quote().verified()).isTrue();
        Answer signed = engine.ask(signedAtTheEnd, date, Evidence.Mode.OFFLINE);
        assertThat(signed.value()).as("the later signature").isEqualTo("2002-01-14");
        assertThat(signed.quote().verified()).isTrue();
        assertThat(signed.confidence()).as("two signatures on different days").isLessThanOrEqualTo(0.7);
        assertThat(engine.ask(longContents, date, Evidence.Mode.OFFLINE).value()).isEqualTo("1994-01-31");
        assertThat(engine.ask(amendment, date, Evidence.Mode.OFFLINE).value()).isEqualTo("1998-02-23");
    }

    @Test
    void numbersAndMoneyKeepTheirUnit() {
        Criterion notice = new Criterion("non_renewal_notice", ValueType.NUMBER, "The notice period to stop the automatic renewal, in days.",
                List.of(), false, false, List.of("notice of non-renewal period"), List.of());
        Answer a = engine.ask(texas, notice, Evidence.Mode.OFFLINE);
        assertThat(a.value()).isEqualTo("90");
        assertThat(a.unit()).isEqualTo("days");
        assertThat(a.rawValue()).isEqualTo("ninety (90) days");
        Criterion cap = new Criterion("liability_cap", ValueType.NUMBER, "The maximum amount of money either party is liable for.",
                List.of(), false, false, List.of("aggregate liability shall not exceed amount"), List.of());
        Answer m = engine.ask(london, cap, Evidence.Mode.OFFLINE);
        assertThat(m.value()).isEqualTo("250000");
        assertThat(m.unit()).isEqualTo("USD");
    }

    @Test
    void booleanByTheInstructionsAndTermEvidence() {
        Criterion nc = FieldTemplates.criterion("non_compete");
        for (long id : competes) assertThat(engine.ask(id, nc, Evidence.Mode.OFFLINE).value()).as("doc %d", id).isEqualTo("yes");
        for (long id : free) assertThat(engine.ask(id, nc, Evidence.Mode.OFFLINE).value()).as("doc %d", id).isEqualTo("no");
        Answer yes = engine.ask(texas, nc, Evidence.Mode.OFFLINE);
        assertThat(yes.quote().verified()).isTrue();
        assertThat(yes.quote().text()).containsIgnoringCase("compet");
        Answer no = engine.ask(london, nc, Evidence.Mode.OFFLINE);
        assertThat(no.quote()).isNull();
        assertThat(no.closest()).isNotEmpty();
    }

    @Test
    void reviewedExamplesRecalibrateTheThreshold() {
        // A criterion whose zero-shot threshold is far off: examples with their documents move it between them.
        Criterion vague = new Criterion("restraint", ValueType.BOOLEAN, "Is a party restrained from some activity?", List.of(), false, false,
                List.of("restraint on activity"), List.of());
        List<Criterion.Example> ex = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ex.add(new Criterion.Example("yes", "shall not, directly or indirectly, manufacture, sell or promote any product that competes",
                    true, null, competes.get(i)));
            ex.add(new Criterion.Example("no", null, true, null, free.get(i)));
        }
        Criterion tuned = vague.withExamples(ex);
        OfflineDecider.Calibration cal = engine.prepare(tuned).calibration();
        assertThat(cal.examples()).isEqualTo(6);
        assertThat(cal.reviewedAccuracy()).isEqualTo(1.0);
        // Scored on the documents that were not reviewed.
        assertThat(engine.ask(competes.get(3), tuned, Evidence.Mode.OFFLINE).value()).isEqualTo("yes");
        assertThat(engine.ask(free.get(3), tuned, Evidence.Mode.OFFLINE).value()).isEqualTo("no");
        assertThat(engine.prepare(vague).calibration()).isEqualTo(OfflineDecider.Calibration.DEFAULT);
    }

    @Test
    void categoriesBySimilarity() {
        Criterion kind = new Criterion("law_family", ValueType.CATEGORY, "Which legal system governs the contract?",
                List.of("United States law", "English law"), false, false, List.of("governing law"), List.of());
        assertThat(engine.ask(london, kind, Evidence.Mode.OFFLINE).value()).isEqualTo("English law");
        assertThat(engine.ask(texas, kind, Evidence.Mode.OFFLINE).value()).isEqualTo("United States law");
    }

    @Test
    void theSameQuestionGivesTheSameEvidenceAndAskEachStopsWhenCancelled() {
        Criterion nc = FieldTemplates.criterion("non_compete");
        List<Long> all = new ArrayList<>(competes);
        all.addAll(free);
        List<Answer> first = engine.askEach(all, nc, Evidence.Mode.OFFLINE, new CancelToken());
        EvidenceEngine fresh = new EvidenceEngine(fx.matter, fx.retrieval, null);
        assertThat(fresh.askEach(all, nc, Evidence.Mode.OFFLINE, null)).isEqualTo(first);
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        assertThat(engine.askEach(all, nc, Evidence.Mode.OFFLINE, cancel)).isEmpty();
    }

    @Test
    void aGridAskingFromSeveralThreadsGetsTheSameAnswers() throws Exception {
        List<Criterion> criteria = List.of(FieldTemplates.criterion("governing_law"), FieldTemplates.criterion("agreement_date"),
                FieldTemplates.criterion("non_compete"), FieldTemplates.criterion("renewal_term", ValueType.BOOLEAN));
        List<Long> all = new ArrayList<>(competes);
        all.addAll(free);
        EvidenceEngine one = new EvidenceEngine(fx.matter, fx.retrieval, null);
        List<Answer> expected = new ArrayList<>();
        for (long id : all) for (Criterion c : criteria) expected.add(one.ask(id, c, Evidence.Mode.OFFLINE));
        EvidenceEngine shared = new EvidenceEngine(fx.matter, fx.retrieval, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Answer>> futures = new ArrayList<>();
            for (long id : all) for (Criterion c : criteria) futures.add(pool.submit(() -> shared.ask(id, c, Evidence.Mode.OFFLINE)));
            List<Answer> got = new ArrayList<>();
            for (var f : futures) got.add(f.get());
            assertThat(got).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutAModelTheModelModeIsAnErrorAndBothIsTheOfflineAnswer() {
        Criterion law = FieldTemplates.criterion("governing_law");
        Answer llm = engine.ask(texas, law, Evidence.Mode.LLM);
        assertThat(llm.outcome()).isEqualTo(Answer.Outcome.ERROR);
        assertThat(llm.error()).contains("language model");
        assertThat(engine.ask(texas, law, Evidence.Mode.BOTH).value()).isEqualTo("Texas");
        Answer missing = engine.ask(987654L, law, Evidence.Mode.OFFLINE);
        assertThat(missing.outcome()).isEqualTo(Answer.Outcome.NOT_STATED);
        assertThat(missing.closest()).isEmpty();
    }

    @Test
    void templatesCoverCuadsCategoriesAndTheBenchsVariables() {
        assertThat(FieldTemplates.all()).hasSize(41);
        assertThat(FieldTemplates.criterion("agreement_date").type()).isEqualTo(ValueType.DATE);
        assertThat(FieldTemplates.criterion("governing_law").type()).isEqualTo(ValueType.TEXT);
        assertThat(FieldTemplates.criterion("parties").type()).isEqualTo(ValueType.TEXT);
        assertThat(FieldTemplates.criterion("Non-Compete").type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(FieldTemplates.criterion("renewal_term").type()).isEqualTo(ValueType.TEXT);
        assertThat(FieldTemplates.criterion("renewal_term", ValueType.BOOLEAN).type()).isEqualTo(ValueType.BOOLEAN);
        for (String n : List.of("non_compete", "exclusivity", "anti_assignment", "cap_on_liability", "audit_rights",
                "termination_for_convenience", "change_of_control")) {
            assertThat(FieldTemplates.criterion(n).type()).as(n).isEqualTo(ValueType.BOOLEAN);
            assertThat(FieldTemplates.criterion(n).instructions()).as(n).isNotBlank();
        }
    }
}
