package dev.quarry.documents.qc;

import java.time.Instant;
import java.util.List;

/**
 * The quality report of one production: what was checked (documents: the load file's rows, or the
 * production's documents when it has no load file; pages: the produced Bates pages) and its findings, in
 * the order the checks make them (by kind, then by Bates).
 */
public record QcReport(long productionId, String production, int documents, long pages, Instant checkedAt,
                       List<QcFinding> findings) {
    public QcReport {
        findings = List.copyOf(findings);
    }

    public long count(QcKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).count();
    }
}
