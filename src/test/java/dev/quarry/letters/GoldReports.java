package dev.quarry.letters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
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
import dev.quarry.export.DocText;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deficiency report as the analysis would give it for a corpus scenario, built from its gold.json (the
 * right classifications, evidence and missing documents) and its responses (general objections, the
 * objections of each response): what letters read, before deficiency review is merged.
 */
final class GoldReports {
    record Built(Report report, LetterModel.DocumentBates bates) {}

    private GoldReports() {}

    static Built build(Path scenario, long reportId) throws Exception {
        JsonNode g = Json.MAPPER.readTree(scenario.resolve("gold.json").toFile());
        JsonNode sc = g.path("scenario");
        String style = sc.path("style").asText();
        Map<String, Long> idByContract = new HashMap<>();
        Map<String, long[]> docByBates = new HashMap<>();
        Map<Long, BatesRanges.Range> ranges = new HashMap<>();
        Map<String, String> batesByContract = new HashMap<>();
        long next = 1;
        for (JsonNode p : g.path("production")) {
            long id = next++;
            idByContract.put(p.path("contract").asText(), id);
            batesByContract.put(p.path("contract").asText(), p.path("begbates").asText());
            ranges.put(id, BatesRanges.range(p.path("begbates").asText(), p.path("endbates").asText()));
        }
        String responses = DocText.of(scenario.resolve("responses.docx"));
        List<String> general = new ArrayList<>();
        Matcher gm = Pattern.compile("(?m)^\\s*(?:GENERAL OBJECTION NO\\. \\d+|\\d+\\.)\\s*(.+)$").matcher(
                responses.contains("GENERAL OBJECTIONS") ? responses.substring(responses.indexOf("GENERAL OBJECTIONS"),
                        Math.max(responses.indexOf("GENERAL OBJECTIONS"), responses.indexOf("REQUEST FOR PRODUCTION NO. 1") > 0
                                ? responses.indexOf("REQUEST FOR PRODUCTION NO. 1") : responses.indexOf("DEMAND FOR"))) : "");
        while (gm.find()) general.add(gm.group(1).strip());
        if (general.isEmpty() && responses.contains("GENERAL OBJECTIONS")) general.add("General objections incorporated into every response.");
        List<RequestResult> requests = new ArrayList<>();
        for (JsonNode r : g.path("requests")) {
            String text = r.path("lead").isNull() || r.path("lead").asText().isEmpty() ? r.path("text").asText() : r.path("text").asText();
            List<SubPart> subs = new ArrayList<>();
            for (JsonNode sp : r.path("sub_parts")) {
                subs.add(new SubPart("(" + sp.path("label").asText() + ")", sp.path("text").asText(), Classification.fromWire(sp.path("gold_classification").asText())));
            }
            String response = r.path("response_text").asText();
            List<EvidenceRef> ev = new ArrayList<>();
            List<MissingDocument> missing = new ArrayList<>();
            Map<String, String> quote = new HashMap<>();
            for (JsonNode e : r.path("evidence")) {
                JsonNode spans = e.path("spans");
                if (spans.size() > 0) quote.putIfAbsent(e.path("contract").asText(), spans.get(0).path("text").asText());
            }
            for (JsonNode c : r.path("produced_responsive")) {
                String contract = c.asText();
                ev.add(new EvidenceRef(batesByContract.get(contract), idByContract.get(contract), batesByContract.get(contract) + ".txt", 1, quote.get(contract)));
            }
            long unknown = 10_000;
            for (JsonNode c : r.path("withheld_responsive")) {
                missing.add(new MissingDocument(unknown++, c.asText(), quote.get(c.asText())));
            }
            requests.add(new RequestResult(r.path("number").asText(), text, subs, response, Posture.fromWire(r.path("response_posture").asText()),
                    objections(response), List.of(), Classification.fromWire(r.path("gold_classification").asText()), 1.0, "gold", ev, missing,
                    false, false, null));
        }
        List<String> parties = List.of(sc.path("plaintiff").asText(), sc.path("defendant").asText());
        String title = "california".equals(style) ? "PLAINTIFF'S FIRST SET OF DEMANDS FOR INSPECTION AND PRODUCTION OF DOCUMENTS"
                : "PLAINTIFF'S FIRST SET OF REQUESTS FOR PRODUCTION OF DOCUMENTS";
        Caption cap = new Caption(sc.path("court").asText(), sc.path("case_number").asText(), parties, title, 1,
                "PLAINTIFF " + sc.path("plaintiff").asText().toUpperCase(Locale.ROOT), "DEFENDANT " + sc.path("defendant").asText().toUpperCase(Locale.ROOT), style);
        String served = LocalDate.parse(sc.path("responses_served").asText(), DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US)).toString();
        List<Finding> findings = general.isEmpty() ? List.of()
                : List.of(new Finding("boilerplate_general_objections", "The responses incorporate " + general.size() + " general objections into every response"));
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        Report rep = new Report(reportId, 1, "VOL001", List.of("cuad-dev"), cap, Map.of(), findings, requests, general, served, t, t);
        return new Built(rep, id -> Optional.ofNullable(ranges.get(id)));
    }

    static List<Objection> objections(String response) {
        List<Objection> out = new ArrayList<>();
        String r = response.toLowerCase(Locale.ROOT);
        if (r.contains("overly broad") || r.contains("overbroad")) out.add(new Objection("overbroad", "overly broad", null, null));
        if (r.contains("unduly burdensome")) out.add(new Objection("unduly_burdensome", "unduly burdensome", null, null));
        if (r.contains("not proportional")) out.add(new Objection("not_proportional", "not proportional", null, null));
        if (r.contains("privilege")) out.add(new Objection("privilege", "privilege", null, null));
        if (r.contains("confidential")) out.add(new Objection("confidentiality", "confidential", null, null));
        Matcher v = Pattern.compile("vague and ambiguous[^\"]*\"([^\"]+?)[.,]?\"").matcher(response);
        if (v.find()) out.add(new Objection("vague_ambiguous", "vague and ambiguous", v.group(1), null));
        Matcher d = Pattern.compile("duplicative of (?:Request|Demand)(?: for Production)? No\\. (\\d+)").matcher(response);
        if (d.find()) out.add(new Objection("duplicative", "duplicative", null, Integer.parseInt(d.group(1))));
        return out;
    }
}
