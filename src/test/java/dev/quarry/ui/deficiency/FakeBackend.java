package dev.quarry.ui.deficiency;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.deficiency.DeficiencyService;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A backend with a canned two-request report; overrides change it as the service would. */
final class FakeBackend implements DeficiencyBackend {
    volatile DeficiencyService.Request analysed;
    volatile String lastUser, lastNote;
    private Report report;

    static Report report(Classification two, boolean overridden, String note) {
        RequestResult r1 = new RequestResult("1", "All AGREEMENTS between YOU and PLAINTIFF.", List.of(),
                "Defendant objects to this Request as overly broad. Defendant has no responsive documents.", Posture.NO_DOCUMENTS,
                List.of(new Objection("overbroad", "Defendant objects to this Request as overly broad.", null, null)), List.of(),
                Classification.NO_RESPONSIVE_DOCS, 0.95, "Nothing responsive is known.", List.of(), List.of(), false, false, null);
        RequestResult r2 = new RequestResult("2", "All AGREEMENTS that contain any non-compete provision.", List.of(),
                "Defendant will produce responsive documents.", Posture.WILL_PRODUCE, List.of(),
                List.of(new Finding("no_production_date", "The response promises production without saying when.")),
                two, 0.8, "1 of 2 responsive documents were produced.",
                List.of(new EvidenceRef("BOLT0000003", 7, "BOLT0000001.txt", 3, "shall not compete with the Supplier")),
                List.of(new MissingDocument(9, "contract-c.txt", "Contoso shall not compete")), overridden, false, note);
        return new Report(1, 1, "VOL001", List.of("client"), new Caption("COURT", "1:23-cv-1", List.of("A", "B"), "RFP", 1, "A", "B", "federal"),
                Map.of("fully_produced", 0, "partially_produced", 1, "no_responsive_docs", 1, "documents_produced", 2, "missing", 1),
                List.of(), List.of(r1, r2), List.of(), null, Instant.now(), Instant.now());
    }

    @Override
    public List<String> productions() {
        return List.of("VOL001", "client");
    }

    @Override
    public synchronized Optional<Report> latest() {
        return Optional.ofNullable(report);
    }

    @Override
    public synchronized Report analyze(DeficiencyService.Request request, CancelToken cancel, DeficiencyService.Progress progress) {
        analysed = request;
        progress.step("Judging the documents for request No. 1", 0, 2);
        progress.step("Judging the documents for request No. 2", 1, 2);
        report = report(Classification.PARTIALLY_PRODUCED, false, null);
        return report;
    }

    @Override
    public synchronized Report override(long reportId, String request, Classification c, String note, String user) {
        lastUser = user;
        lastNote = note;
        report = report(c, true, note);
        return report;
    }

    @Override
    public synchronized Report note(long reportId, String request, String note, String user) {
        lastUser = user;
        lastNote = note;
        report = report(Classification.PARTIALLY_PRODUCED, false, note);
        return report;
    }

    @Override
    public int[] locate(long documentId, int page, String quote) {
        return new int[] {120, 120 + quote.length()};
    }

    static List<Object> opened = new ArrayList<>();
}
