package dev.quarry.letters;

import dev.quarry.core.AuditLog;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Letters from deficiency reports (issue 16): draft from a template, save versions, compare them, tell
 * when the report changed after a draft. Plain synchronous Java; the app runs it off the FX thread.
 */
public final class LetterService {
    private final LetterRepository repo;
    private final ReportSource reports;
    private final Templates templates;
    private final LetterModel.DocumentBates bates;
    private final AuditLog audit;

    public LetterService(LetterRepository repo, ReportSource reports, Templates templates, LetterModel.DocumentBates bates, AuditLog audit) {
        this.repo = repo;
        this.reports = reports;
        this.templates = templates;
        this.bates = bates == null ? LetterModel.DocumentBates.NONE : bates;
        this.audit = audit;
    }

    public LetterRepository repository() { return repo; }
    public ReportSource reports() { return reports; }
    public Templates templates() { return templates; }

    /** A version and everything said about it: deadlines, missing fields, placeholders, whether the report moved on. */
    public record LetterView(Letter letter, LetterVersion version, Deadlines deadlines, List<String> missingFields,
                             List<String> placeholders, Integer currentReportVersion, boolean reportChanged,
                             List<String> changedRequests, String staleNotice) {
        public boolean exportable() {
            return missingFields.isEmpty() && placeholders.isEmpty();
        }
    }

    /** Drafts a letter from a report in the matter. */
    public LetterView draft(long reportId, String templateName, LetterMeta meta, String who) {
        Report r = reports.find(reportId).orElseThrow(() -> new QuarryException("There is no deficiency report " + reportId + " in this matter."));
        return draft(r, templateName, meta, who);
    }

    /** Drafts a letter from the report given (from the matter, or read from a report JSON file). */
    public LetterView draft(Report report, String templateName, LetterMeta meta, String who) {
        Templates.Template t = templates.get(templateName);
        String content = render(t, report, meta);
        Letter l = repo.create(report.reportId(), t.name(), t.style(), ReportJson.write(report), content, meta, report.version(), who);
        audit.record("letter.drafted", "letter", String.valueOf(l.id()), Map.of("report_id", report.reportId(),
                "report_version", report.version(), "template", t.name(), "style", t.style()));
        return show(l.id(), null);
    }

    /** The letter's Markdown from its template, the report and the metadata. */
    public String render(Templates.Template t, Report report, LetterMeta meta) {
        Deadlines d = deadlines(t.style(), meta, report);
        return Templates.render(t, LetterModel.build(report, meta, t.style(), d, bates));
    }

    public static Deadlines deadlines(String style, LetterMeta meta, Report report) {
        return Deadlines.compute(style, meta.letterDate(), meta.respondWithinDays(), meta.servedOn(report.servedOn()), meta.responsesService());
    }

    /** Saves edited Markdown as a new version (the metadata stays that of the latest version). */
    public LetterView edit(long letterId, String content, String who, String note) {
        Letter l = letter(letterId);
        LetterVersion last = version(l, null);
        if (content == null || content.isBlank()) throw new QuarryException("The draft is empty; nothing was saved.");
        if (content.equals(last.content())) throw new QuarryException("The draft is the same as version " + last.version() + "; nothing was saved.");
        LetterVersion v = repo.addVersion(letterId, content, last.meta(), last.reportVersion(), "edit", note, who);
        audit.record("letter.edited", "letter", String.valueOf(letterId), Map.of("version", v.version()));
        return show(letterId, v.version());
    }

    /**
     * Writes the letter again from its template with new metadata and the report as it is now (its
     * snapshot when the report is no longer in the matter): a new version; earlier edits stay in theirs.
     */
    public LetterView redraft(long letterId, LetterMeta meta, String who) {
        Letter l = letter(letterId);
        Report r = reports.find(l.reportId()).orElseGet(() -> ReportJson.parse(l.reportSnapshot()));
        Templates.Template t = templates.get(l.template());
        String content = render(t, r, meta);
        LetterVersion v = repo.addVersion(letterId, content, meta, r.version(), "redraft", null, who);
        audit.record("letter.redrafted", "letter", String.valueOf(letterId), Map.of("version", v.version(), "report_version", r.version()));
        return show(letterId, v.version());
    }

    /** Saves a version whose text came from elsewhere (the polisher), with its source. */
    LetterView save(long letterId, String content, String source, String note, String who) {
        Letter l = letter(letterId);
        LetterVersion last = version(l, null);
        LetterVersion v = repo.addVersion(letterId, content, last.meta(), last.reportVersion(), source, note, who);
        return show(letterId, v.version());
    }

    public LetterView show(long letterId, Integer version) {
        Letter l = letter(letterId);
        LetterVersion v = version(l, version);
        Report snapshot = ReportJson.parse(l.reportSnapshot());
        Deadlines d = deadlines(l.style(), v.meta(), snapshot);
        List<String> missing = v.meta().missing(l.style(), snapshot.caption(), snapshot.servedOn());
        List<String> placeholders = Placeholders.find(v.content());
        Optional<Report> now = reports.find(l.reportId());
        Integer current = now.map(Report::version).orElse(null);
        boolean changed = current != null && current > v.reportVersion();
        List<String> changedRequests = changed ? changedRequests(snapshot, now.get(), v) : List.of();
        String notice = !changed ? null : "The deficiency report has changed since this version was written (report version "
                + v.reportVersion() + ", now " + current + ")" + (changedRequests.isEmpty() ? "."
                : "; requests changed: " + String.join(", ", changedRequests) + ".") + " Redraft to bring the letter up to date.";
        return new LetterView(l, v, d, missing, placeholders, current, changed, changedRequests, notice);
    }

    /** The request numbers whose classification, resolution or evidence differ between the report drafted from and now. */
    static List<String> changedRequests(Report then, Report now, LetterVersion v) {
        Map<String, RequestResult> a = new LinkedHashMap<>();
        for (RequestResult r : then.requests()) a.put(r.number(), r);
        List<String> out = new ArrayList<>();
        for (RequestResult r : now.requests()) {
            RequestResult o = a.remove(r.number());
            if (o == null || o.classification() != r.classification() || o.resolved() != r.resolved()
                    || !o.evidence().equals(r.evidence()) || !o.missing().equals(r.missing()) || !o.findings().equals(r.findings())) {
                out.add(r.number());
            }
        }
        out.addAll(a.keySet());
        return out;
    }

    public List<LetterVersion> versions(long letterId) {
        letter(letterId);
        return repo.versions(letterId);
    }

    public LetterDiff diff(long letterId, int from, int to) {
        Letter l = letter(letterId);
        return LetterDiff.of(letterId, version(l, from), version(l, to));
    }

    public List<Letter> list(Long reportId) {
        return repo.list(reportId);
    }

    public Letter letter(long id) {
        return repo.find(id).orElseThrow(() -> new QuarryException("There is no letter " + id + " in this matter."));
    }

    public Report snapshot(Letter l) {
        return ReportJson.parse(l.reportSnapshot());
    }

    LetterVersion version(Letter l, Integer version) {
        int v = version == null ? l.latestVersion() : version;
        return repo.version(l.id(), v).orElseThrow(() -> new QuarryException("Letter " + l.id() + " has no version " + v
                + "; its versions are 1 to " + l.latestVersion() + "."));
    }

    AuditLog audit() {
        return audit;
    }
}
