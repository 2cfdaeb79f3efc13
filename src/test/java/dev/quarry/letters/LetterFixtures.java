package dev.quarry.letters;

import dev.quarry.deficiency.model.Caption;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Posture;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports like the dev-federal and dev-california scenarios' (texts from their RFPs and responses), built in
 * code so the unit suite needs no corpus.
 */
public final class LetterFixtures {
    private LetterFixtures() {}

    public static final String FED_RESP_7 = "Defendant objects to this Request to the extent it seeks documents protected by the attorney-client privilege, "
            + "the work-product doctrine, or any other applicable privilege or immunity. Defendant objects to this Request as overly broad and "
            + "unduly burdensome, including because it is unlimited in time and seeks AGREEMENTS that have no bearing on the claims or defenses "
            + "in this action. Subject to and without waiving the foregoing objections, Defendant will produce non-privileged documents "
            + "responsive to this Request that are within its possession, custody, or control and that can be located after a reasonable search.";
    public static final String FED_RESP_11 = "Defendant objects to this Request as vague and ambiguous, including as to the phrase \"termination fee or "
            + "liquidated damages.\" In light of these objections, Defendant will not produce documents in response to this Request and is "
            + "withholding responsive documents on the basis of its objections.";
    public static final String FED_RESP_12 = "Defendant objects to this Request to the extent it calls for a legal conclusion regarding the meaning or "
            + "effect of any contractual provision. Subject to and without waiving the foregoing objections, Defendant responds that, after a "
            + "diligent search and reasonable inquiry, Defendant has no responsive documents in its possession, custody, or control.";

    static RequestResult request(String n, String text, String response, Posture p, Classification c, List<Objection> objections,
                                 List<EvidenceRef> evidence, List<MissingDocument> missing, boolean resolved) {
        return new RequestResult(n, text, List.of(), response, p, objections, List.of(), c, 0.9, "rationale", evidence, missing,
                false, resolved, null);
    }

    public static Report federal(int version) {
        Caption cap = new Caption("UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS", "1:24-cv-09334-LED",
                List.of("Cinderpoint Holdings, LLC", "Silverfin Systems Corp."), "PLAINTIFF'S FIRST SET OF REQUESTS FOR PRODUCTION OF DOCUMENTS",
                1, "PLAINTIFF CINDERPOINT HOLDINGS, LLC", "DEFENDANT SILVERFIN SYSTEMS CORP.", "federal");
        List<RequestResult> rs = List.of(
                request("4", "All AGREEMENTS that contain both a non-compete clause and an exclusivity clause.", "Defendant will produce responsive documents.",
                        Posture.WILL_PRODUCE, Classification.FULLY_PRODUCED, List.of(),
                        List.of(new EvidenceRef("SSC0000077", 2, "SSC0000077.txt", 1, "shall not compete")), List.of(), false),
                request("7", "All AGREEMENTS to which A.B. Watley, Inc. is a party.", FED_RESP_7, Posture.WILL_PRODUCE, Classification.PARTIALLY_PRODUCED,
                        List.of(new Objection("privilege", "attorney-client privilege", null, null), new Objection("overbroad", "overly broad", null, null),
                                new Objection("unduly_burdensome", "unduly burdensome", null, null)),
                        List.of(new EvidenceRef("SSC0000774", 10, "SSC0000774.txt", 1, "A.B. Watley, Inc.")),
                        List.of(new MissingDocument(501, "contracts/PcquoteComInc_19990721_S-1A_EX-10.11_6377149_EX-10.11_Co-Branding Agreement2.txt",
                                "PC Quote, Inc. (\"PCQ\") and A.B. Watley, Inc. (\"ABW\")")), false),
                request("9", "All AGREEMENTS governed by the laws of the State of Delaware.", "Defendant objects to this Request as overly broad.",
                        Posture.OBJECTS_ONLY, Classification.NOT_PRODUCED, List.of(new Objection("overbroad", "overly broad", null, null)),
                        List.of(), List.of(new MissingDocument(502, "contracts/ACME_Supply Agreement.txt", "governed by the laws of the State of Delaware")),
                        true),
                request("11", "Copies of all AGREEMENTS executed at any time from January 1, 2002 through December 31, 2003 containing any termination "
                                + "fee or liquidated damages clause or any third-party beneficiary clause, whether currently in effect or expired or terminated.",
                        FED_RESP_11, Posture.REFUSES, Classification.NOT_PRODUCED,
                        List.of(new Objection("vague_ambiguous", "vague and ambiguous", "termination fee or liquidated damages", null)),
                        List.of(), List.of(new MissingDocument(503, "contracts/BLUEFLYINC_03_27_2002-EX-10.27-e-business Hosting Agreement.txt",
                                "liquidated damages in the amount of")), false),
                request("12", "Copies of all AGREEMENTS that contain any unlimited-use license, whether currently in effect or expired or terminated.",
                        FED_RESP_12, Posture.NO_DOCUMENTS, Classification.PARTIALLY_PRODUCED, List.of(new Objection("legal_conclusion", "legal conclusion", null, null)),
                        List.of(new EvidenceRef("SSC0000404", 20, "SSC0000404.txt", 1, "unlimited"), new EvidenceRef("SSC0000406", 20, "SSC0000404.txt", 3, "license"),
                                new EvidenceRef("SSC0000858", 21, "SSC0000858.txt", 1, "perpetual")),
                        List.of(new MissingDocument(504, "contracts/CHANGEPOINTCORP_03_08_2000-EX-10.6-LICENSE AND HOSTING AGREEMENT.txt", "an unlimited, perpetual license")),
                        false));
        Instant t = Instant.parse("2024-11-15T10:00:00Z");
        return new Report(12, version, "VOL001", List.of("known contracts"), cap, Map.of("not_produced", 1, "partially_produced", 2),
                List.of(new Finding("boilerplate_general_objections", "The responses open with 14 general objections incorporated into every response"),
                        new Finding("bates_gap", "The production skips SSC0000091 to SSC0000093")),
                rs, List.of("Defendant objects to the Requests to the extent they seek privileged documents."), "2024-11-09", t, t.plusSeconds(version));
    }

    public static Report california(int version) {
        Caption cap = new Caption("SUPERIOR COURT OF THE STATE OF CALIFORNIA, COUNTY OF SAN FRANCISCO", "CGC-25-619124",
                List.of("Bluepeak Therapeutics, Inc.", "Granite Hollow Holdings, LLC"), "PLAINTIFF'S DEMAND FOR INSPECTION AND PRODUCTION OF DOCUMENTS, SET ONE",
                1, "Plaintiff BLUEPEAK THERAPEUTICS, INC.", "Defendant GRANITE HOLLOW HOLDINGS, LLC", "california");
        List<RequestResult> rs = List.of(
                request("2", "All AGREEMENTS to which Nuvectra Corporation is a party.", "Responding Party will comply with this demand.",
                        Posture.WILL_PRODUCE, Classification.NOT_PRODUCED, List.of(), List.of(),
                        List.of(new MissingDocument(601, "contracts/NUVECTRA_Supply Agreement.txt", "Nuvectra Corporation")), false),
                request("14", "All AGREEMENTS that contain a most favored nation clause or a price restriction.", "Responding Party is unable to comply "
                                + "with this demand because, after a diligent search and a reasonable inquiry, the particular item or category has never existed.",
                        Posture.NO_DOCUMENTS, Classification.PARTIALLY_PRODUCED, List.of(),
                        List.of(new EvidenceRef("GHH0000834", 30, "GHH0000834.txt", 1, "most favored")),
                        List.of(new MissingDocument(602, "contracts/OTHER_MFN Agreement.txt", "most favored customer pricing")), false));
        Instant t = Instant.parse("2025-04-30T10:00:00Z");
        return new Report(21, version, "VOL001", List.of("known"), cap, Map.of(), List.of(new Finding("missing_verification",
                "The responses are not verified")), rs, List.of(), "2025-04-23", t, t);
    }

    public static LetterMeta meta(String servedOn, Service service) {
        return new LetterMeta(LocalDate.parse("2024-11-20"), 14, servedOn == null ? null : LocalDate.parse(servedOn), service,
                new LetterMeta.Sender("Avery Quinn", "Quinn & Moreau LLP", "400 Market Street, Suite 1200\nSan Francisco, CA 94105",
                        "aquinn@quinnmoreau.example", "(415) 555-0142", "287654", "Partner", null),
                List.of(new LetterMeta.Recipient("Jordan Ellis", "Hartwell Brandt LLP", "55 West Monroe Street\nChicago, IL 60603", "jellis@hartwell.example")),
                "We are available to confer by telephone or videoconference on November 25 or 26, 2024, at any time between 9:00 a.m. and 5:00 p.m.",
                null, null, null, List.of("Client (by email)"), null);
    }

    /** The documents' whole Bates ranges, as the matter would give them. */
    public static LetterModel.DocumentBates bates() {
        Map<Long, BatesRanges.Range> m = Map.of(2L, BatesRanges.range("SSC0000077", "SSC0000082"), 10L, BatesRanges.range("SSC0000774", "SSC0000780"),
                20L, BatesRanges.range("SSC0000404", "SSC0000410"), 21L, BatesRanges.range("SSC0000411", "SSC0000415"),
                30L, BatesRanges.range("GHH0000834", "GHH0000840"));
        return id -> Optional.ofNullable(m.get(id));
    }
}
