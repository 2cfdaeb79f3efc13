package dev.quarry.app;

import dev.quarry.deficiency.DeficiencyRepository;
import dev.quarry.deficiency.DeficiencyService;
import dev.quarry.deficiency.model.Report;
import dev.quarry.evidence.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The optional setting "analyse a production when its import finishes" (user settings, {@code auto_analyse}):
 * a newly imported production is analysed offline against the requests, responses and known sets of the
 * matter's newest completed report, when their files are still where they were.
 */
public final class DeficiencyAuto {
    private DeficiencyAuto() {}

    /** Analyses {@code production} if the setting is on and the matter has a report to take the inputs from. */
    public static Optional<Report> afterImport(MatterSession s, UserSettings settings, String production) {
        if (production == null || !settings.load().autoAnalyse()) return Optional.empty();
        DeficiencyService svc = s.deficiency(null);
        for (DeficiencyRepository.ReportRow r : svc.reports()) {
            if (!"completed".equals(r.status()) || r.requestsFile() == null || r.responsesFile() == null) continue;
            Path rfp = Path.of(r.requestsFile()), resp = Path.of(r.responsesFile());
            if (!Files.isRegularFile(rfp) || !Files.isRegularFile(resp)) continue;
            return Optional.of(svc.analyze(new DeficiencyService.Request(rfp, resp, production,
                    r.known().stream().filter(k -> !k.equals(production)).toList(), Evidence.Mode.OFFLINE), null, null));
        }
        return Optional.empty();
    }
}
