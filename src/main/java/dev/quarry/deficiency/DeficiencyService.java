package dev.quarry.deficiency;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.quarry.core.Database;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.deficiency.model.Caption;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Posture;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.deficiency.model.SubPart;
import dev.quarry.documents.BatesNumber;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.FileText;
import dev.quarry.documents.PageRecord;
import dev.quarry.documents.qc.ProductionQc;
import dev.quarry.documents.qc.QcFinding;
import dev.quarry.documents.qc.QcReport;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.QuoteCheck;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deficiency review of one matter: parse the requests and the responses, judge every document of the
 * production under review and of the known sets against each request with the shared evidence engine,
 * classify each request by what was produced, store the report, and apply reviewers' overrides (which
 * re-analysis never touches). See docs/adr/0015-deficiency-review.md.
 */
public final class DeficiencyService {
    /** Receives the analysis' steps: what is being done, how many of how many. */
    @FunctionalInterface
    public interface Progress {
        void step(String what, int done, int total);

        Progress NONE = (w, d, t) -> {};
    }

    private final DeficiencyRepository repo;
    private final DocumentRepository documents;
    private final Evidence evidence;
    private final ClauseCriteria clauses;
    private final ProductionQc qc;

    public DeficiencyService(Database db, DocumentRepository documents, Evidence evidence) {
        this(db, documents, evidence, new ClauseCriteria());
    }

    DeficiencyService(Database db, DocumentRepository documents, Evidence evidence, ClauseCriteria clauses) {
        this.repo = new DeficiencyRepository(db);
        this.qc = new ProductionQc(db);
        this.documents = documents;
        this.evidence = evidence;
        this.clauses = clauses;
    }

    public DeficiencyRepository repository() {
        return repo;
    }

    /** What the analysis is given: the two documents, the production under review and the known sets by name. */
    public record Request(Path requests, Path responses, String production, List<String> known, Evidence.Mode mode) {
        public Request {
            known = known == null ? List.of() : List.copyOf(known);
        }
    }

    // ---- analysis -------------------------------------------------------------------------------------

    /** Runs the analysis and stores its report (the production's report is updated when it has one). */
    public Report analyze(Request in, CancelToken cancel, Progress progress) {
        CancelToken c = cancel == null ? CancelToken.none() : cancel;
        Progress pr = progress == null ? Progress.NONE : progress;
        pr.step("Reading the requests", 0, 1);
        ParsedRequests rfp = DiscoveryParser.requests(FileText.read(in.requests()));
        pr.step("Reading the responses", 0, 1);
        ParsedResponses resp = DiscoveryParser.responses(FileText.read(in.responses()));
        long productionId = productionId(in.production());
        List<Long> knownIds = new ArrayList<>();
        for (String k : in.known()) knownIds.add(productionId(k));
        Long existing = repo.reportOf(productionId).map(DeficiencyRepository.ReportRow::id).orElse(null);
        long reportId = repo.inTransaction(t -> repo.beginReport(t, existing, productionId, in.known(), in.requests().toString(),
                in.responses().toString(), in.mode().name().toLowerCase(java.util.Locale.ROOT)));
        try {
            Analysis a = analysis(rfp, resp, productionId, knownIds, in.mode(), c, pr);
            repo.inTransaction(t -> {
                for (Analysis.Item item : a.items) {
                    long itemId = repo.insertItem(t, item.row(reportId));
                    List<DeficiencyRepository.EvidenceRow> rows = new ArrayList<>();
                    for (DeficiencyRepository.EvidenceRow e : item.evidence) {
                        rows.add(new DeficiencyRepository.EvidenceRow(itemId, e.subPart(), e.documentId(), e.produced(), e.confidence(),
                                e.bates(), e.fileName(), e.page(), e.quote(), e.chunkId(), e.startChar(), e.endChar()));
                    }
                    repo.insertEvidence(t, rows);
                }
                repo.completeReport(t, reportId, Json.write(rfp.caption()), Json.write(resp.generalObjections()), Json.write(a.findings),
                        Json.write(a.summary), resp.dated(), a.items.size());
                repo.markAnalysed(t, productionId);
                return null;
            });
        } catch (RuntimeException e) {
            repo.failReport(reportId, e.getMessage());
            throw e;
        }
        pr.step("Done", 1, 1);
        return report(reportId);
    }

    private long productionId(String name) {
        List<DeficiencyRepository.ProductionRow> rows = repo.productions().stream().filter(p -> p.name().equals(name)).toList();
        if (rows.isEmpty()) throw new QuarryException("The matter has no production named \"" + name + "\".");
        return rows.get(rows.size() - 1).id();
    }

    /** Everything the analysis computed, ready to store. */
    static final class Analysis {
        final List<Item> items = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Integer> summary = new LinkedHashMap<>();

        static final class Item {
            int ordinal;
            String number, text, responseText, posture, rationale;
            List<Map<String, Object>> subParts = new ArrayList<>();
            List<Map<String, Object>> criteria = new ArrayList<>();
            List<Objection> objections = List.of();
            List<Finding> findings = new ArrayList<>();
            Classification classification;
            double confidence;
            final List<DeficiencyRepository.EvidenceRow> evidence = new ArrayList<>();

            DeficiencyRepository.ItemRow row(long reportId) {
                return new DeficiencyRepository.ItemRow(0, reportId, ordinal, number, text, Json.write(subParts), Json.write(criteria),
                        responseText, posture, Json.write(objections), Json.write(findings), classification.wire(), confidence, rationale);
            }
        }
    }

    /** The documents under review: each with its near-duplicate group and, when produced, its production source. */
    private record Universe(Map<Long, Responsiveness.Doc> docs, Map<Long, Integer> group, Map<Long, DeficiencyRepository.Member> produced,
                            Map<Long, DeficiencyRepository.Member> known, Map<Integer, List<Long>> members) {}

    private Universe universe(long productionId, List<Long> knownIds, Progress pr) {
        List<Long> all = new ArrayList<>(knownIds);
        all.add(productionId);
        Map<Long, DeficiencyRepository.Member> produced = new LinkedHashMap<>();
        Map<Long, DeficiencyRepository.Member> known = new LinkedHashMap<>();
        for (DeficiencyRepository.Member m : repo.members(all)) {
            if (m.productionId() == productionId) produced.putIfAbsent(m.documentId(), m);
            else known.putIfAbsent(m.documentId(), m);
        }
        Set<Long> ids = new java.util.TreeSet<>(produced.keySet());
        ids.addAll(known.keySet());
        Map<Long, Responsiveness.Doc> docs = new LinkedHashMap<>();
        List<Long> order = new ArrayList<>();
        List<long[]> sigs = new ArrayList<>();
        int n = 0;
        for (long id : ids) {
            pr.step("Reading the documents", n++, ids.size());
            List<Responsiveness.Page> pages = new ArrayList<>();
            for (PageRecord p : documents.pages(id)) pages.add(new Responsiveness.Page(p.pageNumber(), p.startChar(), p.bates()));
            String text = documents.fullText(id);
            docs.put(id, new Responsiveness.Doc(id, text, pages));
            order.add(id);
            sigs.add(NearDuplicates.signature(text));
        }
        Map<Long, Integer> group = new HashMap<>();
        Map<Integer, List<Long>> members = new TreeMap<>();
        List<List<Integer>> groups = NearDuplicates.groups(sigs);
        for (int g = 0; g < groups.size(); g++) {
            for (int i : groups.get(g)) {
                group.put(order.get(i), g);
                members.computeIfAbsent(g, k -> new ArrayList<>()).add(order.get(i));
            }
        }
        return new Universe(docs, group, produced, known, members);
    }

    /**
     * The production quality check's findings (Bates gaps, missing files, hash mismatches, documents without
     * text, ...) as the report's production findings, each with its Bates range. The last stored check is used;
     * a production never checked (no load file) is checked now.
     */
    List<Finding> productionFindings(long productionId) {
        QcReport report;
        try {
            report = qc.stored(productionId).orElseGet(() -> qc.run(productionId));
        } catch (QuarryException e) {
            // A volume moved since its import cannot be checked again: the review goes on and says so.
            return List.of(new Finding("production_check_failed", "The production's quality check could not run: " + e.getMessage()));
        }
        List<Finding> out = new ArrayList<>();
        for (QcFinding f : report.findings()) {
            String range = f.batesBegin() == null ? "" : f.batesBegin().equals(f.batesEnd()) ? f.batesBegin() + ": "
                    : f.batesBegin() + "–" + f.batesEnd() + ": ";
            out.add(new Finding(f.kind().id(), range + f.detail()));
        }
        return out;
    }

    Analysis analysis(ParsedRequests rfp, ParsedResponses resp, long productionId, List<Long> knownIds, Evidence.Mode mode,
                      CancelToken cancel, Progress pr) {
        Universe u = universe(productionId, knownIds, pr);
        Responsiveness judge = new Responsiveness(evidence, mode, cancel, u.docs(), clauses);
        String style = rfp.caption().style();
        Map<String, ParsedResponses.Response> byNumber = new LinkedHashMap<>();
        for (ParsedResponses.Response r : resp.responses()) byNumber.put(r.number(), r);
        Analysis a = new Analysis();
        a.findings.addAll(ResponseFindings.ofSet(resp, style));
        a.findings.addAll(productionFindings(productionId));
        Set<Integer> responsiveGroups = new HashSet<>();
        Set<Integer> missingGroups = new HashSet<>();
        String plaintiff = rfp.caption().parties().isEmpty() ? null : rfp.caption().parties().get(0);
        int ordinal = 0;
        for (ParsedRequests.Request q : rfp.requests()) {
            pr.step("Judging the documents for request No. " + q.number(), ordinal, rfp.requests().size());
            Analysis.Item item = new Analysis.Item();
            item.ordinal = ordinal++;
            item.number = q.number();
            item.text = q.text();
            ParsedResponses.Response r = byNumber.get(q.number());
            if (r == null) {
                item.responseText = "";
                item.posture = Posture.OBJECTS_ONLY.wire();
                item.findings.add(new Finding("no_response", "The responses do not answer request No. " + q.number() + "."));
            } else {
                item.responseText = r.text();
                item.posture = r.posture().wire();
                item.objections = r.objections();
                item.findings.addAll(ResponseFindings.of(r, style));
            }
            List<ParsedRequests.Part> units = q.subParts().isEmpty() ? List.of(new ParsedRequests.Part("", q.text())) : q.subParts();
            Map<Integer, Double> unionP = new HashMap<>();
            Set<Integer> unionResp = new LinkedHashSet<>();
            Set<Integer> unionProduced = new LinkedHashSet<>();
            List<String> explained = new ArrayList<>();
            for (ParsedRequests.Part part : units) {
                RequestCriteria crit = RequestCriteria.of(part.text(), rfp.definitions(), plaintiff);
                Map<String, Object> cj = new LinkedHashMap<>();
                cj.put("sub_part", part.label());
                cj.put("clauses", crit.clauses());
                cj.put("match", crit.matchAll() ? "all" : "any");
                cj.put("executed_year_from", crit.yearFrom());
                cj.put("executed_year_to", crit.yearTo());
                cj.put("governing_law", crit.governingLaw());
                cj.put("party", crit.party());
                item.criteria.add(cj);
                explained.add((part.label().isEmpty() ? "" : "(" + part.label() + ") ") + (crit.explained().isEmpty() ? "every agreement" : crit.explained()));
                Map<Long, Responsiveness.Call> calls = judge.judge(crit);
                // A group is responsive when any of its copies is; produced when any copy is in the production.
                Map<Integer, Responsiveness.Call> bestOfGroup = new HashMap<>();
                for (Responsiveness.Call call : calls.values()) {
                    int g = u.group().get(call.documentId());
                    Responsiveness.Call b = bestOfGroup.get(g);
                    if (b == null || call.probability() > b.probability()) bestOfGroup.put(g, call);
                }
                Set<Integer> resp1 = new LinkedHashSet<>();
                Set<Integer> prod1 = new LinkedHashSet<>();
                for (var e : new TreeMap<>(bestOfGroup).entrySet()) {
                    int g = e.getKey();
                    Responsiveness.Call call = e.getValue();
                    unionP.merge(g, call.probability(), Math::max);
                    if (call.probability() < Responsiveness.RESPONSIVE) continue;
                    resp1.add(g);
                    List<Long> copies = u.members().get(g);
                    Long producedCopy = copies.stream().filter(u.produced()::containsKey).findFirst().orElse(null);
                    if (producedCopy != null) {
                        prod1.add(g);
                        item.evidence.add(evidenceRow(u, producedCopy, calls.get(producedCopy), call, part.label()));
                    } else {
                        item.evidence.add(missingRow(u, call, part.label()));
                    }
                }
                Classification cl = Classify.of(resp1.size(), prod1.size());
                if (!part.label().isEmpty()) {
                    Map<String, Object> sp = new LinkedHashMap<>();
                    sp.put("label", part.label());
                    sp.put("text", part.text());
                    sp.put("classification", cl.wire());
                    item.subParts.add(sp);
                }
                unionResp.addAll(resp1);
                unionProduced.addAll(prod1);
            }
            item.classification = Classify.of(unionResp.size(), unionProduced.size());
            item.confidence = Classify.confidence(unionP.values());
            if (Posture.NO_DOCUMENTS.wire().equals(item.posture) && !unionResp.isEmpty()) {
                item.findings.add(new Finding("no_documents_claim_contradicted", "The response says no responsive documents exist, but "
                        + unionResp.size() + " responsive document" + (unionResp.size() == 1 ? " is" : "s are") + " known"
                        + (unionProduced.isEmpty() ? "" : " (" + unionProduced.size() + " of them produced)") + "."));
            }
            int missing = unionResp.size() - unionProduced.size();
            item.rationale = rationale(item.classification, unionResp.size(), unionProduced.size(), missing, String.join("; ", explained),
                    item.posture);
            responsiveGroups.addAll(unionResp);
            for (int g : unionResp) if (!unionProduced.contains(g)) missingGroups.add(g);
            a.items.add(item);
        }
        // Summary: counts by class and posture, documents produced, responsive, missing, noise.
        for (Classification cl : Classification.values()) a.summary.put(cl.wire(), 0);
        for (Posture p : Posture.values()) a.summary.put(p.wire(), 0);
        for (Analysis.Item i : a.items) {
            a.summary.merge(i.classification.wire(), 1, Integer::sum);
            a.summary.merge(i.posture, 1, Integer::sum);
        }
        Set<Integer> producedGroups = new HashSet<>();
        for (long id : u.produced().keySet()) producedGroups.add(u.group().get(id));
        Set<Integer> knownGroups = new HashSet<>(u.members().keySet());
        int responsiveProduced = (int) producedGroups.stream().filter(responsiveGroups::contains).count();
        a.summary.put("requests", a.items.size());
        a.summary.put("documents_produced", producedGroups.size());
        a.summary.put("documents_known", knownGroups.size());
        a.summary.put("responsive_produced", responsiveProduced);
        a.summary.put("responsive_known", responsiveGroups.size());
        a.summary.put("missing", missingGroups.size());
        a.summary.put("noise", producedGroups.size() - responsiveProduced);
        int findings = a.findings.size();
        for (Analysis.Item i : a.items) findings += i.findings.size();
        a.summary.put("findings", findings);
        return a;
    }

    private static String rationale(Classification c, int responsive, int produced, int missing, String tests, String posture) {
        String basis = "Read as: " + tests + ". ";
        String claim = " The response's posture (" + posture.replace('_', ' ') + ") does not change the classification, which rests on what was produced.";
        return switch (c) {
            case NO_RESPONSIVE_DOCS -> basis + "No document of the production or of the known sets meets these tests, so nothing responsive is known to exist." + claim;
            case FULLY_PRODUCED -> basis + "All " + responsive + " responsive document" + (responsive == 1 ? "" : "s") + " known "
                    + (responsive == 1 ? "was" : "were") + " produced." + claim;
            case PARTIALLY_PRODUCED -> basis + produced + " of " + responsive + " responsive documents were produced; " + missing
                    + " known responsive document" + (missing == 1 ? " was" : "s were") + " not." + claim;
            case NOT_PRODUCED -> basis + responsive + " responsive document" + (responsive == 1 ? " is" : "s are")
                    + " known, and none was produced." + claim;
        };
    }

    private DeficiencyRepository.EvidenceRow evidenceRow(Universe u, long docId, Responsiveness.Call own, Responsiveness.Call best, String sub) {
        DeficiencyRepository.Member m = u.produced().get(docId);
        Responsiveness.Doc d = u.docs().get(docId);
        Responsiveness.Call call = own != null && own.probability() >= Responsiveness.RESPONSIVE && own.quote() != null ? own : null;
        if (call == null && best.quote() != null) {
            // The responsive copy is another version (a PDF of the same contract): find its passage in the produced copy.
            var span = QuoteCheck.locate(d.text(), best.quote());
            if (span.isPresent()) {
                call = Responsiveness.passage(d, span.get().start(), span.get().end(), best.why());
                call = new Responsiveness.Call(docId, best.probability(), d.text().substring(span.get().start(), span.get().end()),
                        call.page(), span.get().start(), span.get().end(), null, best.why());
            }
        }
        int page = call == null ? 1 : call.page();
        long start = call == null ? 0 : call.startChar();
        return new DeficiencyRepository.EvidenceRow(0, sub, docId, true, best.probability(), bates(m, d, page, start),
                lastSegment(m.sourcePath()), page, call == null ? null : call.quote(), call == null ? null : call.chunkId(),
                call == null ? null : call.startChar(), call == null ? null : call.endChar());
    }

    private DeficiencyRepository.EvidenceRow missingRow(Universe u, Responsiveness.Call call, String sub) {
        DeficiencyRepository.Member m = u.known().get(call.documentId());
        String name = m == null ? "document " + call.documentId() : lastSegment(m.sourcePath());
        return new DeficiencyRepository.EvidenceRow(0, sub, call.documentId(), false, call.probability(), null, name, call.page(),
                call.quote(), call.chunkId(), call.quote() == null ? null : call.startChar(), call.quote() == null ? null : call.endChar());
    }

    /**
     * The Bates number of the page quoted, from the production's source: the page's own stamp when it has one,
     * else the source's range (a text file stored as one page spreads its characters over the range's pages).
     */
    static String bates(DeficiencyRepository.Member m, Responsiveness.Doc d, int page, long startChar) {
        for (Responsiveness.Page p : d.pages()) {
            if (p.number() == page && p.bates() != null && (m.batesBegin() == null
                    || BatesNumber.parse(p.bates()).map(b -> b.within(m.batesBegin(), m.batesEnd())).orElse(false))) {
                return p.bates();
            }
        }
        if (m.batesBegin() == null) return null;
        Optional<BatesNumber> b = BatesNumber.parse(m.batesBegin());
        Optional<BatesNumber> e = BatesNumber.parse(m.batesEnd() == null ? m.batesBegin() : m.batesEnd());
        if (b.isEmpty() || e.isEmpty()) return m.batesBegin();
        long span = e.get().number() - b.get().number() + 1;
        long offset;
        if (d.pages().size() > 1) offset = page - 1;
        else offset = d.text().isEmpty() ? 0 : (long) Math.floor(startChar * (double) span / d.text().length());
        offset = Math.max(0, Math.min(span - 1, offset));
        String digits = String.format("%0" + b.get().width() + "d", b.get().number() + offset);
        return m.batesBegin().strip().substring(0, m.batesBegin().strip().length() - b.get().width()) + digits;
    }

    static String lastSegment(String path) {
        if (path == null) return null;
        String p = path;
        int bang = p.lastIndexOf('!');
        if (bang >= 0) p = p.substring(bang + 1);
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return cut >= 0 ? p.substring(cut + 1) : p;
    }

    // ---- reading a report ------------------------------------------------------------------------------

    public List<DeficiencyRepository.ReportRow> reports() {
        return repo.reports();
    }

    /** The newest report of the matter. */
    public Optional<Report> latest() {
        return repo.reports().stream().filter(r -> "completed".equals(r.status())).findFirst().map(r -> report(r.id()));
    }

    /** A stored report with every override in force applied. */
    public Report report(long id) {
        DeficiencyRepository.ReportRow row = repo.report(id).orElseThrow(() -> new QuarryException("The matter has no deficiency report " + id + "."));
        if (!"completed".equals(row.status())) {
            throw new QuarryException("Deficiency report " + id + " is " + row.status() + (row.error() == null ? "." : ": " + row.error()));
        }
        List<DeficiencyRepository.OverrideRow> overrides = repo.overrides(id);
        Map<String, DeficiencyRepository.OverrideRow> inForce = new LinkedHashMap<>();
        for (DeficiencyRepository.OverrideRow o : overrides) inForce.put(o.requestNumber() + "\u0000" + o.documentId() + "\u0000" + o.field(), o);
        Map<Long, List<DeficiencyRepository.EvidenceRow>> evidenceByItem = new HashMap<>();
        for (DeficiencyRepository.EvidenceRow e : repo.evidence(id)) evidenceByItem.computeIfAbsent(e.itemId(), k -> new ArrayList<>()).add(e);
        Map<Long, DeficiencyRepository.Member> produced = null;
        List<RequestResult> results = new ArrayList<>();
        Map<String, Integer> summary = new LinkedHashMap<>(readMap(row.summary()));
        for (Classification cl : Classification.values()) summary.put(cl.wire(), 0);
        for (DeficiencyRepository.ItemRow it : repo.items(id)) {
            List<DeficiencyRepository.EvidenceRow> rows = new ArrayList<>(evidenceByItem.getOrDefault(it.id(), List.of()));
            // Document overrides: a reviewer's "responsive" or "not responsive" for a document of this request.
            boolean docChanged = false;
            for (DeficiencyRepository.OverrideRow o : inForce.values()) {
                if (!o.requestNumber().equals(it.number()) || !"responsive".equals(o.field()) || o.documentId() == null) continue;
                boolean responsive = Boolean.parseBoolean(o.value());
                boolean present = rows.stream().anyMatch(e -> e.documentId() == o.documentId());
                if (!responsive && present) {
                    rows.removeIf(e -> e.documentId() == o.documentId());
                    docChanged = true;
                } else if (responsive && !present) {
                    if (produced == null) {
                        produced = new HashMap<>();
                        for (DeficiencyRepository.Member m : repo.members(List.of(row.productionId()))) produced.put(m.documentId(), m);
                    }
                    DeficiencyRepository.Member m = produced.get(o.documentId());
                    String name = m != null ? lastSegment(m.sourcePath()) : documents.find(o.documentId()).map(d -> d.fileName()).orElse("document " + o.documentId());
                    rows.add(new DeficiencyRepository.EvidenceRow(it.id(), "", o.documentId(), m != null, 1.0,
                            m == null ? null : m.batesBegin(), name, 1, null, null, null, null));
                    docChanged = true;
                }
            }
            List<Map<String, Object>> subJson = readMaps(it.subParts());
            List<SubPart> subs = new ArrayList<>();
            for (Map<String, Object> sp : subJson) {
                String label = String.valueOf(sp.get("label"));
                Classification c = Classification.fromWire(String.valueOf(sp.get("classification")));
                if (docChanged) {
                    Set<Long> r1 = new HashSet<>(), p1 = new HashSet<>();
                    for (var e : rows) if (e.subPart().equals(label) || e.subPart().isEmpty()) {
                        r1.add(e.documentId());
                        if (e.produced()) p1.add(e.documentId());
                    }
                    c = Classify.of(r1.size(), p1.size());
                }
                subs.add(new SubPart(label, String.valueOf(sp.get("text")), c));
            }
            Classification computed = Classification.fromWire(it.classification());
            String rationale = it.rationale();
            if (docChanged) {
                Set<Long> r = new HashSet<>(), p = new HashSet<>();
                for (var e : rows) {
                    r.add(e.documentId());
                    if (e.produced()) p.add(e.documentId());
                }
                computed = Classify.of(r.size(), p.size());
                rationale = rationale + " A reviewer changed which documents are responsive: " + p.size() + " of " + r.size()
                        + " responsive documents are produced.";
            }
            DeficiencyRepository.OverrideRow co = inForce.get(it.number() + "\u0000null\u0000classification");
            Classification cls = co == null ? computed : Classification.fromWire(co.value());
            DeficiencyRepository.OverrideRow note = inForce.get(it.number() + "\u0000null\u0000note");
            DeficiencyRepository.OverrideRow resolved = inForce.get(it.number() + "\u0000null\u0000resolved");
            String latestNote = null;
            for (DeficiencyRepository.OverrideRow o : overrides) {
                if (o.requestNumber().equals(it.number()) && o.note() != null && !o.note().isBlank()) latestNote = o.note();
            }
            if (note != null && note.note() != null) latestNote = note.note();
            List<EvidenceRef> ev = new ArrayList<>();
            List<MissingDocument> missing = new ArrayList<>();
            Set<Long> seenEv = new HashSet<>(), seenMissing = new HashSet<>();
            for (var e : rows) {
                if (e.produced() && seenEv.add(e.documentId())) {
                    ev.add(new EvidenceRef(e.bates(), e.documentId(), e.fileName(), e.page() == null ? 1 : e.page(), e.quote()));
                } else if (!e.produced() && seenMissing.add(e.documentId())) {
                    missing.add(new MissingDocument(e.documentId(), e.fileName(), e.quote()));
                }
            }
            summary.merge(cls.wire(), 1, Integer::sum);
            results.add(new RequestResult(it.number(), it.requestText(), subs, it.responseText(), Posture.fromWire(it.posture()),
                    readList(it.objections(), Objection.class), readList(it.findings(), Finding.class), cls,
                    co == null ? it.confidence() : 1.0, co == null ? rationale : rationale + " Overridden by " + co.changedBy() + ": "
                    + cls.wire() + (co.note() == null || co.note().isBlank() ? "." : " (" + co.note() + ")."),
                    ev, missing, co != null, resolved != null && Boolean.parseBoolean(resolved.value()), latestNote));
        }
        summary.put("overridden", (int) results.stream().filter(RequestResult::overridden).count());
        Caption caption = row.caption() == null ? null : read(row.caption(), Caption.class);
        return new Report(row.id(), row.version(), row.productionName(), row.known(), caption, summary,
                readList(row.findings(), Finding.class), results, DeficiencyRepository.readList(row.generalObjections()), row.servedOn(),
                row.createdAt(), row.updatedAt());
    }

    // ---- reviewer work ---------------------------------------------------------------------------------

    /** Overrides a request's classification (null clears the override back to the analysis'), with a note. */
    public Report overrideClassification(long reportId, String request, Classification c, String note, String user) {
        Report r = report(reportId);
        RequestResult item = item(r, request);
        return change(reportId, request, null, "classification", c == null ? null : c.wire(), item.classification().wire(), note, user);
    }

    /** Marks a document responsive or not to a request; the classification follows unless it is overridden. */
    public Report overrideResponsive(long reportId, String request, long documentId, boolean responsive, String note, String user) {
        item(report(reportId), request);
        if (documents.find(documentId).isEmpty()) throw new QuarryException("The matter has no document " + documentId + ".");
        return change(reportId, request, documentId, "responsive", String.valueOf(responsive), null, note, user);
    }

    public Report addNote(long reportId, String request, String note, String user) {
        item(report(reportId), request);
        return change(reportId, request, null, "note", null, null, note, user);
    }

    public Report setResolved(long reportId, String request, boolean resolved, String note, String user) {
        item(report(reportId), request);
        return change(reportId, request, null, "resolved", String.valueOf(resolved), null, note, user);
    }

    public List<DeficiencyRepository.OverrideRow> history(long reportId, String request) {
        return repo.overrides(reportId).stream().filter(o -> request == null || o.requestNumber().equals(request)).toList();
    }

    private Report change(long reportId, String request, Long documentId, String field, String value, String previous, String note, String user) {
        if (user == null || user.isBlank()) throw new QuarryException("A change to a report needs the reviewer's name.");
        repo.inTransaction(c -> {
            repo.insertOverride(c, new DeficiencyRepository.OverrideRow(0, reportId, request, documentId, field, value, previous,
                    note == null || note.isBlank() ? null : note.strip(), user.strip(), Instant.now()));
            repo.touch(c, reportId);
            return null;
        });
        return report(reportId);
    }

    private static RequestResult item(Report r, String request) {
        return r.requests().stream().filter(q -> q.number().equals(request)).findFirst()
                .orElseThrow(() -> new QuarryException("Report " + r.reportId() + " has no request No. " + request + "."));
    }

    // ---- JSON helpers ----

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new QuarryException("A stored deficiency report is damaged.", e);
        }
    }

    private static <T> List<T> readList(String json, Class<T> type) {
        if (json == null || json.isBlank()) return List.of();
        try {
            return Json.MAPPER.readValue(json, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type));
        } catch (java.io.IOException e) {
            throw new QuarryException("A stored deficiency report is damaged.", e);
        }
    }

    private static List<Map<String, Object>> readMaps(String json) {
        if (json == null || json.isBlank()) return List.of();
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<Map<String, Object>>>() {});
        } catch (java.io.IOException e) {
            throw new QuarryException("A stored deficiency report is damaged.", e);
        }
    }

    private static Map<String, Integer> readMap(String json) {
        if (json == null || json.isBlank()) return Map.of();
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, Integer>>() {});
        } catch (java.io.IOException e) {
            throw new QuarryException("A stored deficiency report is damaged.", e);
        }
    }
}
