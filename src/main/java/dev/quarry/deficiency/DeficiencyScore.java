package dev.quarry.deficiency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.deficiency.model.EvidenceRef;
import dev.quarry.deficiency.model.MissingDocument;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.documents.BatesNumber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report scored against a scenario's gold.json (corpus/deficiency): requests found with the right numbers
 * and sub-parts, posture accuracy, classification accuracy, evidence precision (evidence Bates that fall in a
 * produced document responsive to that request) and the recall of withheld responsive documents in missing.
 */
public final class DeficiencyScore {
    private DeficiencyScore() {}

    public static Map<String, Object> score(Report r, JsonNode gold) {
        Map<String, RequestResult> byNumber = new LinkedHashMap<>();
        for (RequestResult q : r.requests()) byNumber.put(q.number(), q);
        record Range(String begin, String end, Set<String> responsiveTo) {}
        List<Range> production = new ArrayList<>();
        for (JsonNode p : gold.path("production")) {
            Set<String> to = new HashSet<>();
            for (JsonNode n : p.path("responsive_to")) to.add(n.asText());
            production.add(new Range(p.path("begbates").asText(), p.path("endbates").asText(), to));
        }
        int requests = 0, found = 0, structure = 0, posture = 0, classification = 0, subParts = 0, subCorrect = 0;
        int evidence = 0, evidenceOk = 0, withheld = 0, withheldFound = 0, missingListed = 0, missingOk = 0;
        Map<String, Integer> confusion = new java.util.TreeMap<>();
        List<Object> wrong = new ArrayList<>();
        for (JsonNode g : gold.path("requests")) {
            requests++;
            String n = g.path("number").asText();
            RequestResult q = byNumber.get(n);
            if (q == null) {
                wrong.add(Map.of("number", n, "problem", "not found"));
                continue;
            }
            found++;
            int goldSubs = g.path("sub_parts").size();
            if (goldSubs == q.subParts().size()) {
                boolean labels = true;
                for (int i = 0; i < goldSubs; i++) labels &= g.path("sub_parts").get(i).path("label").asText().equals(q.subParts().get(i).label());
                if (labels) structure++;
            }
            if (g.path("response_posture").asText().equals(q.responsePosture().wire())) posture++;
            String gc = g.path("gold_classification").asText();
            confusion.merge(gc + " -> " + q.classification().wire(), 1, Integer::sum);
            if (gc.equals(q.classification().wire())) classification++;
            else {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("number", n);
                w.put("gold", gc);
                w.put("got", q.classification().wire());
                w.put("kind", g.path("kind").asText());
                w.put("evidence", q.evidence().size());
                w.put("missing", q.missing().size());
                w.put("gold_produced", g.path("produced_responsive").size());
                w.put("gold_withheld", g.path("withheld_responsive").size());
                wrong.add(w);
            }
            for (int i = 0; i < Math.min(goldSubs, q.subParts().size()); i++) {
                subParts++;
                if (g.path("sub_parts").get(i).path("gold_classification").asText().equals(q.subParts().get(i).classification().wire())) subCorrect++;
            }
            for (EvidenceRef e : q.evidence()) {
                evidence++;
                BatesNumber b = e.bates() == null ? null : BatesNumber.parse(e.bates()).orElse(null);
                if (b == null) continue;
                for (Range p : production) {
                    if (b.within(p.begin(), p.end())) {
                        if (p.responsiveTo().contains(n)) evidenceOk++;
                        break;
                    }
                }
            }
            Set<String> goldWithheld = new HashSet<>();
            for (JsonNode w : g.path("withheld_responsive")) goldWithheld.add(fileName(w.asText()));
            withheld += goldWithheld.size();
            Set<String> listed = new HashSet<>();
            for (MissingDocument m : q.missing()) listed.add(m.fileName());
            for (String w : goldWithheld) if (listed.contains(w)) withheldFound++;
            missingListed += listed.size();
            for (String l : listed) if (goldWithheld.contains(l)) missingOk++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests_in_gold", requests);
        out.put("requests_found", found);
        out.put("requests_with_right_sub_parts", structure);
        out.put("structure_accuracy", ratio(structure, requests));
        out.put("posture_accuracy", ratio(posture, requests));
        out.put("classification_accuracy", ratio(classification, requests));
        out.put("sub_part_classification_accuracy", ratio(subCorrect, subParts));
        out.put("evidence_items", evidence);
        out.put("evidence_precision", ratio(evidenceOk, evidence));
        out.put("withheld_responsive", withheld);
        out.put("missing_recall", ratio(withheldFound, withheld));
        out.put("missing_precision", ratio(missingOk, missingListed));
        out.put("confusion", confusion);
        out.put("wrong", wrong);
        return out;
    }

    private static String fileName(String path) {
        int cut = path.lastIndexOf('/');
        return cut >= 0 ? path.substring(cut + 1) : path;
    }

    private static Double ratio(int a, int b) {
        return b == 0 ? null : Math.round(a * 10000.0 / b) / 10000.0;
    }
}
