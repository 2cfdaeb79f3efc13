package dev.quarry.deficiency.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deficiency report: one analysis of a set of responses against a production and the known sets.
 *
 * @param reportId  the report's id in the matter
 * @param version   increases with every re-analysis and every override, so a letter knows when it is stale
 * @param production the name of the production under review
 * @param known     the names of the known document sets
 * @param caption   the case as the requests give it
 * @param summary   counts per classification (wire names) and of findings
 * @param findings  response-level and production-level findings (general objections, missing verification, Bates gaps, ...)
 * @param requests  every request, in order
 * @param generalObjections the general objections as written
 * @param servedOn  when the responses were served, if they say, else null (ISO date)
 * @param createdAt when the analysis ran
 * @param updatedAt when the report last changed (an override counts)
 */
public record Report(long reportId, int version, String production, List<String> known, Caption caption,
                     Map<String, Integer> summary, List<Finding> findings, List<RequestResult> requests,
                     List<String> generalObjections, String servedOn, Instant createdAt, Instant updatedAt) {
    public Report {
        known = known == null ? List.of() : List.copyOf(known);
        summary = summary == null ? Map.of() : Map.copyOf(summary);
        findings = findings == null ? List.of() : List.copyOf(findings);
        requests = requests == null ? List.of() : List.copyOf(requests);
        generalObjections = generalObjections == null ? List.of() : List.copyOf(generalObjections);
    }
}
