package dev.quarry.ui.deficiency;

import dev.quarry.app.MatterSession;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.deficiency.DeficiencyRepository;
import dev.quarry.deficiency.DeficiencyService;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.Report;
import dev.quarry.documents.PageRecord;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.QuoteCheck;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Deficiency pane needs from the matter; every call touches disk or models, so view models call it off the FX thread. */
public interface DeficiencyBackend {
    List<String> productions();

    Optional<Report> latest();

    Report analyze(DeficiencyService.Request request, CancelToken cancel, DeficiencyService.Progress progress);

    Report override(long reportId, String request, Classification c, String note, String user);

    Report note(long reportId, String request, String note, String user);

    /** Where a quote stands on its page: {start, end} in the page's text, or null. */
    int[] locate(long documentId, int page, String quote);

    /** The live backend of an open matter. */
    static DeficiencyBackend of(MatterSession session) {
        return new DeficiencyBackend() {
            private DeficiencyService service(boolean analysis) {
                if (!analysis) return new DeficiencyService(session.matter().db(), session.documents(), null);
                LlmGateway g = LlmGateway.forMatter(session.matter(),
                        LlmSettings.resolve(session.matter().settings(), Map.of(), ApiKeys.userDefault()).orElse(null));
                return session.deficiency(g);
            }

            @Override
            public List<String> productions() {
                return new DeficiencyRepository(session.matter().db()).productions().stream().map(DeficiencyRepository.ProductionRow::name)
                        .distinct().toList();
            }

            @Override
            public Optional<Report> latest() {
                return service(false).latest();
            }

            @Override
            public Report analyze(DeficiencyService.Request request, CancelToken cancel, DeficiencyService.Progress progress) {
                return service(true).analyze(request, cancel, progress);
            }

            @Override
            public Report override(long reportId, String request, Classification c, String note, String user) {
                return service(false).overrideClassification(reportId, request, c, note, user);
            }

            @Override
            public Report note(long reportId, String request, String note, String user) {
                return service(false).addNote(reportId, request, note, user);
            }

            @Override
            public int[] locate(long documentId, int page, String quote) {
                if (quote == null || quote.isBlank()) return null;
                Optional<PageRecord> p = session.documents().page(documentId, page);
                return p.flatMap(r -> QuoteCheck.locate(r.text(), quote)).map(s -> new int[] {s.start(), s.end()}).orElse(null);
            }
        };
    }

    /** Offline unless the matter has a model and the analysis may use it. */
    static Evidence.Mode mode(boolean offline) {
        return offline ? Evidence.Mode.OFFLINE : Evidence.Mode.BOTH;
    }
}
