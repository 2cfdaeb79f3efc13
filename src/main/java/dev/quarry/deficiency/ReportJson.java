package dev.quarry.deficiency;

import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.deficiency.model.SubPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as {@code deficiency report --json} prints it (issue 15, part 6): field names fixed. */
public final class ReportJson {
    private ReportJson() {}

    public static Map<String, Object> of(Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report_id", r.reportId());
        out.put("version", r.version());
        out.put("production", r.production());
        out.put("known", r.known());
        out.put("caption", r.caption());
        out.put("summary", r.summary());
        out.put("findings", findings(r.findings()));
        out.put("general_objections", r.generalObjections());
        out.put("served_on", r.servedOn());
        out.put("created_at", r.createdAt() == null ? null : r.createdAt().toString());
        out.put("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
        List<Object> requests = new ArrayList<>();
        for (RequestResult q : r.requests()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", q.number());
            m.put("text", q.text());
            List<Object> subs = new ArrayList<>();
            for (SubPart s : q.subParts()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("label", s.label());
                sm.put("text", s.text());
                sm.put("classification", s.classification().wire());
                subs.add(sm);
            }
            m.put("sub_parts", subs);
            m.put("response_text", q.responseText());
            m.put("response_posture", q.responsePosture().wire());
            List<Object> obj = new ArrayList<>();
            for (Objection o : q.objections()) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("kind", o.kind());
                om.put("text", o.text());
                if (o.phrase() != null) om.put("phrase", o.phrase());
                if (o.duplicateOf() != null) om.put("duplicate_of", o.duplicateOf());
                obj.add(om);
            }
            m.put("objections", obj);
            m.put("findings", findings(q.findings()));
            m.put("classification", q.classification().wire());
            m.put("confidence", Math.round(q.confidence() * 1000) / 1000.0);
            m.put("rationale", q.rationale());
            List<Object> ev = new ArrayList<>();
            for (EvidenceRef e : q.evidence()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("bates", e.bates());
                em.put("document_id", e.documentId());
                em.put("file_name", e.fileName());
                em.put("page", e.page());
                em.put("quote", e.quote());
                ev.add(em);
            }
            m.put("evidence", ev);
            List<Object> miss = new ArrayList<>();
            for (MissingDocument d : q.missing()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("document_id", d.documentId());
                dm.put("file_name", d.fileName());
                dm.put("quote", d.quote());
                miss.add(dm);
            }
            m.put("missing", miss);
            m.put("overridden", q.overridden());
            m.put("resolved", q.resolved());
            m.put("note", q.note());
            requests.add(m);
        }
        out.put("requests", requests);
        return out;
    }

    private static List<Object> findings(List<Finding> fs) {
        List<Object> out = new ArrayList<>();
        for (Finding f : fs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind());
            m.put("detail", f.detail());
            out.add(m);
        }
        return out;
    }
}
