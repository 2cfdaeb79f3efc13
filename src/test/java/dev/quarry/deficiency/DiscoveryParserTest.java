package dev.quarry.deficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Posture;
import dev.quarry.documents.FileText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DiscoveryParserTest {
    @TempDir Path tmp;

    private FileText.Text write(String name, List<String> paras, boolean pdf, String footer) throws Exception {
        Path f = tmp.resolve(name + (pdf ? ".pdf" : ".docx"));
        if (pdf) DiscoveryDocs.pdf(f, paras, footer);
        else DiscoveryDocs.docx(f, paras);
        return FileText.read(f);
    }

    @ParameterizedTest(name = "california={0} pdf={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void requestsInBothStylesAndFormats(boolean california, boolean pdf) throws Exception {
        String caseNo = california ? "RG-24-000111" : "1:23-cv-00042-ABC";
        ParsedRequests r = DiscoveryParser.requests(write("rfp", DiscoveryDocs.rfp(california), pdf,
                caseNo + " - PLAINTIFF'S SECOND SET OF REQUESTS FOR PRODUCTION"));
        assertThat(r.caption().court()).startsWith(california ? "SUPERIOR COURT OF THE STATE OF CALIFORNIA" : "UNITED STATES DISTRICT COURT");
        assertThat(r.caption().caseNumber()).isEqualTo(caseNo);
        assertThat(r.caption().parties()).containsExactly("Acme Widgets, Inc.", "Bolt Industries LLC");
        assertThat(r.caption().style()).isEqualTo(california ? "california" : "federal");
        assertThat(r.caption().setNumber()).isEqualTo(2);
        assertThat(r.definitions()).containsKeys("YOU", "YOUR", "PLAINTIFF", "AGREEMENT");
        assertThat(r.definitions().get("PLAINTIFF")).startsWith("Plaintiff Acme Widgets, Inc.");
        assertThat(r.relevantPeriod()).isEqualTo("January 1, 2015 to December 31, 2020");
        assertThat(r.requests()).extracting(ParsedRequests.Request::number).containsExactly("1", "2", "3");
        assertThat(r.requests().get(1).text()).isEqualTo("All AGREEMENTS governed by the laws of the State of New York that contain any "
                + "non-compete provision, whether currently in effect or expired or terminated.");
        ParsedRequests.Request compound = r.requests().get(2);
        assertThat(compound.lead()).isEqualTo("All DOCUMENTS constituting the following:");
        assertThat(compound.subParts()).extracting(ParsedRequests.Part::label).containsExactly("a", "b");
        assertThat(compound.subParts().get(1).text()).isEqualTo("all AGREEMENTS to which Zenith Partners, L.P. is a party.");
    }

    @ParameterizedTest(name = "california={0} pdf={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void responsesInBothStylesAndFormats(boolean california, boolean pdf) throws Exception {
        String caseNo = california ? "RG-24-000111" : "1:23-cv-00042-ABC";
        ParsedResponses r = DiscoveryParser.responses(write("responses", DiscoveryDocs.responses(california), pdf,
                caseNo + " - DEFENDANT'S RESPONSES TO PLAINTIFF'S SECOND SET OF REQUESTS FOR PRODUCTION"));
        assertThat(r.generalObjections()).hasSize(2);
        assertThat(r.verified()).isEqualTo(california);
        assertThat(r.dated()).isEqualTo("April 2, 2024");
        assertThat(r.responses()).extracting(ParsedResponses.Response::number).containsExactly("1", "2", "3");
        ParsedResponses.Response first = r.responses().get(0);
        assertThat(first.posture()).isEqualTo(Posture.NO_DOCUMENTS);
        assertThat(first.subjectToWaiving()).isTrue();
        if (california) {
            assertThat(first.inabilityReason()).isEqualTo("not_in_possession");
            assertThat(first.objections()).extracting(Objection::kind).containsExactly("confidentiality");
        } else {
            assertThat(first.inabilityReason()).isNull();
            assertThat(first.objections()).extracting(Objection::kind).containsExactly("vague_ambiguous");
            assertThat(first.objections().get(0).phrase()).isEqualTo("between YOU and PLAINTIFF.");
        }
        ParsedResponses.Response second = r.responses().get(1);
        assertThat(second.posture()).isEqualTo(Posture.WILL_PRODUCE);
        assertThat(second.objections()).extracting(Objection::kind)
                .containsExactly("overbroad", "unduly_burdensome", "duplicative", "legal_conclusion");
        assertThat(second.objections().get(2).duplicateOf()).isEqualTo(1);
        assertThat(second.batesCited()).containsExactly("BOLT0000001-BOLT0000012", "BOLT0000020");
        assertThat(second.withholdingStatement()).isFalse();
        ParsedResponses.Response third = r.responses().get(2);
        assertThat(third.posture()).isEqualTo(Posture.REFUSES);
        assertThat(third.objections()).extracting(Objection::kind).containsExactly("not_proportional", "relevance");
        if (california) {
            assertThat(ResponseFindings.of(second, "california")).extracting(f -> f.kind()).doesNotContain("no_withholding_statement");
        } else {
            assertThat(ResponseFindings.of(second, "federal")).extracting(f -> f.kind()).containsExactly("no_withholding_statement");
        }
    }

    @Test
    void aCaliforniaInabilityWithoutItsReasonIsAFinding() {
        ParsedResponses.Response r = DiscoveryParser.response("4", List.of("Responding Party is unable to comply with this demand."));
        assertThat(r.posture()).isEqualTo(Posture.NO_DOCUMENTS);
        assertThat(ResponseFindings.of(r, "california")).extracting(f -> f.kind()).containsExactly("inability_statement_incomplete");
        assertThat(ResponseFindings.of(r, "california").get(0).detail()).contains("diligent search").contains("never existed");
    }

    @Test
    void aDocumentThatCannotBeParsedSaysWhichPart() throws Exception {
        List<String> noRequests = DiscoveryDocs.rfp(false).subList(0, 15);
        assertThatThrownBy(() -> DiscoveryParser.requests(write("a", noRequests, false, "x")))
                .isInstanceOf(ParseFailure.class).hasMessageContaining("requests of a.docx")
                .satisfies(e -> assertThat(((ParseFailure) e).part()).isEqualTo("requests"));
        List<String> noCourt = DiscoveryDocs.rfp(false).stream().filter(p -> !p.contains("COURT")).toList();
        assertThatThrownBy(() -> DiscoveryParser.requests(write("b", noCourt, false, "x")))
                .isInstanceOf(ParseFailure.class).hasMessageContaining("caption").hasMessageContaining("no court");
        List<String> noResponses = DiscoveryDocs.responses(false).stream().filter(p -> !p.startsWith("RESPONSE TO")).toList();
        assertThatThrownBy(() -> DiscoveryParser.responses(write("c", noResponses, true, "x")))
                .isInstanceOf(ParseFailure.class).satisfies(e -> assertThat(((ParseFailure) e).part()).isEqualTo("responses"));
    }
}
