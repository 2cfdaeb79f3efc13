package dev.quarry.letters;

import dev.quarry.deficiency.model.Report;
import java.util.List;
import java.util.Optional;

/**
 * Where letters read deficiency reports: the port the deficiency package's report repository plugs into
 * (wired in app), and an in-memory one for tests and for a report handed over as JSON.
 */
public interface ReportSource {
    /** The report as it is now (its latest version), overrides applied. */
    Optional<Report> find(long reportId);

    /** Every report, newest first (for the Letters pane's list). */
    List<Report> list();

    /** Reports held in memory. */
    static ReportSource of(List<Report> reports) {
        List<Report> copy = List.copyOf(reports);
        return new ReportSource() {
            @Override public Optional<Report> find(long id) {
                return copy.stream().filter(r -> r.reportId() == id).findFirst();
            }

            @Override public List<Report> list() {
                return copy;
            }
        };
    }

    static ReportSource none() {
        return of(List.of());
    }
}
