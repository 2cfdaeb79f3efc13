package dev.quarry.deficiency;

import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.deficiency.model.SubPart;
import dev.quarry.export.TableExport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** A report as a table for export: one row per request. */
public final class ReportTable {
    private ReportTable() {}

    public static final List<String> HEADER = List.of("request", "text", "sub_parts", "response_posture", "objections", "classification",
            "confidence", "overridden", "resolved", "rationale", "evidence_bates", "evidence_documents", "missing_documents",
            "findings", "note", "response_text");

    public static TableExport.Table of(Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (RequestResult q : r.requests()) {
            List<Object> row = new ArrayList<>();
            row.add(q.number());
            row.add(q.text());
            row.add(q.subParts().stream().map(s -> "(" + s.label() + ") " + s.classification().wire()).collect(Collectors.joining("; ")));
            row.add(q.responsePosture().wire());
            row.add(String.join("; ", new LinkedHashSet<>(q.objections().stream().map(Objection::kind).toList())));
            row.add(q.classification().wire());
            row.add(Math.round(q.confidence() * 100) / 100.0);
            row.add(q.overridden());
            row.add(q.resolved());
            row.add(q.rationale());
            row.add(q.evidence().stream().map(EvidenceRef::bates).filter(java.util.Objects::nonNull).collect(Collectors.joining("; ")));
            row.add(q.evidence().stream().map(EvidenceRef::fileName).collect(Collectors.joining("; ")));
            row.add(q.missing().stream().map(MissingDocument::fileName).collect(Collectors.joining("; ")));
            row.add(q.findings().stream().map(Finding::kind).collect(Collectors.joining("; ")));
            row.add(q.note());
            row.add(q.responseText());
            rows.add(row);
        }
        String sheet = "Deficiency " + r.production();
        return new TableExport.Table(sheet, HEADER, rows);
    }

    static String subParts(List<SubPart> s) {
        return s.stream().map(SubPart::label).collect(Collectors.joining(","));
    }
}
