package dev.quarry.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.export.DocText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetterServiceTest {
    @TempDir Path tmp;
    Matter matter;
    List<Report> reports;
    LetterService letters;
    LetterExports exports;

    @BeforeEach
    void setUp() {
        matter = Matter.create(tmp.resolve("matter"), "letters", null, null);
        reports = new ArrayList<>(List.of(LetterFixtures.federal(3), LetterFixtures.california(1)));
        ReportSource source = new ReportSource() {
            @Override public java.util.Optional<Report> find(long id) { return reports.stream().filter(r -> r.reportId() == id).findFirst(); }
            @Override public List<Report> list() { return reports; }
        };
        letters = new LetterService(new LetterRepository(matter.db()), source, Templates.forHome(tmp.resolve("home")),
                LetterFixtures.bates(), matter.audit());
        exports = new LetterExports(letters, LetterFixtures.bates());
    }

    @AfterEach
    void tearDown() {
        matter.close();
    }

    @Test
    void federalDraftHasEveryDeficientRequestAndLeavesOutResolvedAndProducedOnes() throws Exception {
        LetterService.LetterView v = letters.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "avery");
        String md = v.version().content();
        assertThat(v.missingFields()).isEmpty();
        assertThat(v.placeholders()).isEmpty();
        assertThat(v.deadlines().respondBy()).isEqualTo(java.time.LocalDate.parse("2024-12-04"));
        assertThat(md).contains("### Request for Production No. 7", "### Request for Production No. 11", "### Request for Production No. 12")
                .doesNotContain("Request for Production No. 4\n", "Request for Production No. 9"); // fully produced; resolved
        assertThat(md).contains("Requests Nos. 7, 11, and 12");
        // Bates: whole document ranges, condensed (SSC0000404-410 and 411-415 touch)
        assertThat(md).contains("SSC0000404\u2013SSC0000415").contains("SSC0000774\u2013SSC0000780");
        Files.writeString(Path.of("target/letter-federal-sample.md"), md);
        assertThat(md).contains("Procedure 37(a)(1)", "Rule 26(b)(1)", "Rule 34(b)(2)(B)", "Rule 34(b)(2)(C)", "Fischer v. Forrest", "2017 WL 773694");
        assertThat(md).contains("> " + LetterFixtures.FED_RESP_11.substring(0, 60));
        assertThat(md).contains("The production skips SSC0000091 to SSC0000093.");
        assertThat(md).contains("**December 4, 2024**").contains("November 9, 2024 by electronic service");
        assertThat(md).contains("Rule 26(b)(5)(A)"); // privilege objection on No. 7
        assertThat(md).contains("Co-Branding Agreement2");
        assertThat(md).doesNotContain("Local Rule 37-1");
        // provenance: one marker per request and the general ones, with the report version
        assertThat(Provenance.read(md)).extracting(Provenance.Mark::requestNumber).containsExactly(null, "7", "11", "12", null);
        assertThat(Provenance.read(md)).allMatch(m -> m.reportVersion() == 3 && m.reportId() == 12);
        assertThat(letters.repository().paragraphs(v.letter().id(), 1, 12)).hasSize(5);
    }

    @Test
    void aResponseFindingOfAFullyProducedRequestIsInTheLetterNamedByItsRequest() {
        Report base = reports.get(0);
        List<RequestResult> rs = new ArrayList<>(base.requests());
        RequestResult r4 = rs.get(0);
        rs.set(0, new RequestResult(r4.number(), r4.text(), r4.subParts(), r4.responseText(), r4.responsePosture(), r4.objections(),
                List.of(new dev.quarry.deficiency.model.Finding("no_production_date", "The response promises production but gives no date for it")),
                r4.classification(), r4.confidence(), r4.rationale(), r4.evidence(), r4.missing(), r4.overridden(), r4.resolved(), r4.note()));
        reports.set(0, new Report(base.reportId(), base.version(), base.production(), base.known(), base.caption(), base.summary(),
                base.findings(), rs, base.generalObjections(), base.servedOn(), base.createdAt(), base.updatedAt()));
        String md = letters.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "avery").version().content();
        assertThat(md).contains("Request No. 4: The response promises production but gives no date for it.")
                .doesNotContain("### Request for Production No. 4\n");
    }

    @Test
    void californiaDraftComputesTheMotionDeadlineAndCitesTheCode() {
        LetterService.LetterView v = letters.draft(21, "california", LetterFixtures.meta("2025-04-23", Service.ELECTRONIC), "avery");
        String md = v.version().content();
        assertThat(v.deadlines().motionToCompelBy()).isEqualTo(java.time.LocalDate.parse("2025-06-10"));
        assertThat(md).contains("**June 10, 2025**", "2016.040", "2031.310", "2031.220", "2031.230", "2031.240", "section 1010.6, subdivision (a)(3)(B)",
                "Demand for Production No. 2", "Demand for Production No. 14", "GHH0000834\u2013GHH0000840", "not verified", "Bar No. 287654");
        assertThat(v.placeholders()).isEmpty();
    }

    @Test
    void missingFieldsAreListedShownAndRefusedAtExport() {
        LetterMeta partial = new LetterMeta(null, 14, null, null, null, List.of(), null, null, null, null, List.of(), null);
        LetterService.LetterView v = letters.draft(21, "california", partial, "avery");
        assertThat(v.missingFields()).contains("letter_date", "responses_service", "sender", "recipients", "conference_offer")
                .doesNotContain("responses_served_on", "court", "case_number"); // from the report
        assertThat(v.placeholders()).contains("\u27e6letter_date\u27e7", "\u27e6conference_offer\u27e7");
        Path out = tmp.resolve("x.docx");
        assertThatThrownBy(() -> exports.export(v.letter().id(), null, "docx", out, "avery"))
                .isInstanceOf(QuarryException.class).hasMessageContaining("required fields are missing").hasMessageContaining("letter_date");
        assertThat(out).doesNotExist();
        // a complete metadata set, redrafted: exportable
        LetterService.LetterView w = letters.redraft(v.letter().id(), LetterFixtures.meta("2025-04-23", Service.MAIL), "avery");
        assertThat(w.version().version()).isEqualTo(2);
        assertThat(w.exportable()).isTrue();
        assertThat(w.deadlines().motionToCompelBy()).isEqualTo(java.time.LocalDate.parse("2025-06-12"));
    }

    @Test
    void editsAreVersionsWithWhoAndWhenAndDiffBetweenAnyTwo() {
        LetterService.LetterView v = letters.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "avery");
        String edited = v.version().content().replace("Dear Counsel:", "Dear Mr. Ellis:");
        LetterService.LetterView e = letters.edit(v.letter().id(), edited, "blake", "salutation");
        assertThat(e.version().version()).isEqualTo(2);
        assertThat(e.version().createdBy()).isEqualTo("blake");
        assertThat(e.version().source()).isEqualTo("edit");
        assertThatThrownBy(() -> letters.edit(v.letter().id(), edited, "blake", null)).hasMessageContaining("same as version 2");
        LetterDiff d = letters.diff(v.letter().id(), 1, 2);
        assertThat(d.added()).isEqualTo(1);
        assertThat(d.removed()).isEqualTo(1);
        assertThat(d.unified()).contains("-Dear Counsel:").contains("+Dear Mr. Ellis:");
        assertThat(letters.versions(v.letter().id())).extracting(LetterVersion::version).containsExactly(1, 2);
        assertThatThrownBy(() -> letters.show(v.letter().id(), 9)).hasMessageContaining("no version 9");
    }

    @Test
    void aDraftSaysSoWhenTheReportChangedAfterIt() {
        LetterService.LetterView v = letters.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "avery");
        assertThat(v.reportChanged()).isFalse();
        Report old = reports.get(0);
        // a reviewer overrides request 11 to resolved: the report's version goes up
        List<dev.quarry.deficiency.model.RequestResult> rs = new ArrayList<>(old.requests());
        var r11 = rs.get(3);
        rs.set(3, new dev.quarry.deficiency.model.RequestResult(r11.number(), r11.text(), r11.subParts(), r11.responseText(), r11.responsePosture(),
                r11.objections(), r11.findings(), r11.classification(), r11.confidence(), r11.rationale(), r11.evidence(), r11.missing(), true, true, "agreed"));
        reports.set(0, new Report(old.reportId(), 4, old.production(), old.known(), old.caption(), old.summary(), old.findings(), rs,
                old.generalObjections(), old.servedOn(), old.createdAt(), old.updatedAt()));
        LetterService.LetterView s = letters.show(v.letter().id(), null);
        assertThat(s.reportChanged()).isTrue();
        assertThat(s.changedRequests()).containsExactly("11");
        assertThat(s.staleNotice()).contains("report version 3, now 4").contains("11");
        LetterService.LetterView re = letters.redraft(v.letter().id(), v.version().meta(), "avery");
        assertThat(re.reportChanged()).isFalse();
        assertThat(re.version().content()).doesNotContain("Request for Production No. 11");
    }

    @Test
    void exportsDocxPdfAndSeparateStatementWithTheSameText() throws Exception {
        LetterService.LetterView v = letters.draft(21, "california", LetterFixtures.meta("2025-04-23", Service.ELECTRONIC), "avery");
        long id = v.letter().id();
        Path docx = tmp.resolve("out/letter.docx");
        Path pdf = tmp.resolve("out/letter.pdf");
        Path ss = tmp.resolve("out/separate.docx");
        exports.export(id, null, "docx", docx, "avery");
        exports.export(id, null, "pdf", pdf, "avery");
        exports.export(id, null, "separate-statement", ss, "avery");
        for (Path p : List.of(docx, pdf)) {
            String t = DocText.of(p).replaceAll("\\s+", " ").replace("- ", "-"); // a PDF line may wrap after a hyphen
            assertThat(t).contains("November 20, 2024", "Jordan Ellis", "Re:", "Bluepeak Therapeutics, Inc. v. Granite Hollow Holdings, LLC",
                    "CGC-25-619124", "Demand for Production No. 2", "Demand for Production No. 14", "June 10, 2025", "Avery Quinn", "cc:");
            assertThat(t).doesNotContain("quarry:", "\u27e6", "{{", "**", "> ");
        }
        assertThat(DocText.of(pdf)).contains("Page 1 of");
        String s = DocText.of(ss);
        assertThat(s).contains("Separate Statement", "rule 3.1345", "Demand for Production No. 14",
                "Response to Demand for Production No. 14", "Reasons Why a Further Response Should Be Compelled");
        assertThat(letters.repository().exportCount(id)).isEqualTo(3);
        // a federal letter has no separate statement
        LetterService.LetterView f = letters.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "avery");
        assertThatThrownBy(() -> exports.export(f.letter().id(), null, "separate-statement", tmp.resolve("n.docx"), "a"))
                .hasMessageContaining("for California letters");
        assertThatThrownBy(() -> exports.export(f.letter().id(), null, "rtf", tmp.resolve("n.rtf"), "a")).hasMessageContaining("docx, pdf or separate-statement");
    }

    @Test
    void userTemplatesSitBesideTheBuiltInOnesAndReplaceThemByName() throws Exception {
        Templates t = letters.templates();
        Path copy = t.copy("plain", "firm-short");
        Files.writeString(copy, "{{! quarry-style: federal }}\n{{date}}\n\nRe: {{caseTitle}}\n\n{{#requests}}- No. {{number}}\n{{/requests}}\n{{sender.name}}\n");
        assertThat(t.list()).extracting(Templates.Template::name).contains("federal", "california", "plain", "firm-short");
        LetterService.LetterView v = letters.draft(12, "firm-short", LetterFixtures.meta("2024-11-09", Service.MAIL), "avery");
        assertThat(v.letter().style()).isEqualTo("federal");
        assertThat(v.version().content()).isEqualTo("November 20, 2024\n\nRe: Cinderpoint Holdings, LLC v. Silverfin Systems Corp.\n\n- No. 7\n- No. 11\n- No. 12\nAvery Quinn\n");
        assertThatThrownBy(() -> t.copy("plain", "firm-short")).hasMessageContaining("exists already");
        assertThatThrownBy(() -> t.get("../etc")).hasMessageContaining("template name");
        assertThatThrownBy(() -> t.get("nope")).hasMessageContaining("no letter template \"nope\"");
        // an unresolved tag a firm left is a placeholder
        Files.writeString(t.userDir().resolve("bad.md.mustache"), "Dear {{recipientName}},\n{{=<% %>=}}\n{{unclosed}}\n");
        LetterService.LetterView b = letters.draft(12, "bad", LetterFixtures.meta("2024-11-09", Service.MAIL), "avery");
        assertThat(b.placeholders()).contains("{{unclosed}}");
    }

    @Test
    void valuesAreEscapedForMarkdown() {
        assertThat(Templates.escape("ABC_123 *all* [x] <b>")).isEqualTo("ABC\\_123 \\*all\\* \\[x\\] \\<b>");
        assertThat(Templates.escape("# heading")).isEqualTo("\\# heading");
        assertThat(Templates.escape("1. first")).isEqualTo("1\\. first");
    }
}
