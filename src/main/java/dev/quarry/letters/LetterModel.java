package dev.quarry.letters;

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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What a template sees: the report and the metadata turned into named values and lists (issue 16 part 4).
 * Only requests classified not_produced or partially_produced (overrides applied) and not marked resolved
 * are in {@code requests}; every response-level finding is in {@code findings}. A required value that is
 * missing shows as ⟦its name⟧, which {@link Placeholders} finds and export refuses.
 */
public final class LetterModel {
    public static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);

    /** Where a produced document's whole Bates range comes from (the matter's documents), by document id. */
    public interface DocumentBates extends LongFunction<Optional<BatesRanges.Range>> {
        DocumentBates NONE = id -> Optional.empty();
    }

    private LetterModel() {}

    public static String missing(String field) {
        return "\u27e6" + field + "\u27e7";
    }

    public static String date(LocalDate d) {
        return d == null ? null : LONG_DATE.format(d);
    }

    public static Map<String, Object> build(Report report, LetterMeta meta, String style, Deadlines deadlines, DocumentBates bates) {
        Map<String, Object> m = new LinkedHashMap<>();
        Caption cap = report.caption() == null ? new Caption(null, null, List.of(), null, null, null, null, style) : report.caption();
        m.put("federal", "federal".equals(style));
        m.put("california", "california".equals(style));
        m.put("date", or(date(meta.letterDate()), "letter_date"));

        LetterMeta.Sender s = meta.sender() == null ? new LetterMeta.Sender(null, null, null, null, null, null, null, null) : meta.sender();
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("name", or(s.name(), "sender.name"));
        sender.put("firm", or(s.firm(), "sender.firm"));
        sender.put("addressLines", lines(or(s.address(), "sender.address")));
        sender.put("email", or(s.email(), "sender.email"));
        sender.put("phone", blank(s.phone()) ? null : s.phone().strip());
        sender.put("barNumber", "california".equals(style) ? or(s.barNumber(), "sender.bar_number") : blankToNull(s.barNumber()));
        sender.put("title", blankToNull(s.title()));
        m.put("sender", sender);

        List<Map<String, Object>> recipients = new ArrayList<>();
        for (int i = 0; i < meta.recipients().size(); i++) {
            LetterMeta.Recipient r = meta.recipients().get(i);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", or(r.name(), "recipients[" + i + "].name"));
            x.put("firm", blankToNull(r.firm()));
            x.put("addressLines", blank(r.address()) ? List.of() : lines(r.address()));
            x.put("email", blankToNull(r.email()));
            recipients.add(x);
        }
        if (recipients.isEmpty()) recipients.add(Map.of("name", missing("recipients"), "addressLines", List.of()));
        m.put("recipients", recipients);
        m.put("byEmail", meta.recipients().stream().anyMatch(r -> !blank(r.email())));
        m.put("cc", meta.cc());
        m.put("hasCc", !meta.cc().isEmpty());

        String caseTitle = !blank(meta.caseTitle()) ? meta.caseTitle().strip()
                : cap.parties().size() >= 2 ? cap.parties().get(0) + " v. " + cap.parties().get(cap.parties().size() - 1) : missing("case_title");
        m.put("caseTitle", caseTitle);
        m.put("caseNumber", !blank(meta.caseNumber()) ? meta.caseNumber().strip() : or(cap.caseNumber(), "case_number"));
        m.put("court", !blank(meta.court()) ? meta.court().strip() : or(titleCase(cap.court()), "court"));

        String propounding = party(cap.propounding(), cap.parties().isEmpty() ? null : cap.parties().get(0));
        String responding = party(cap.responding(), cap.parties().size() < 2 ? null : cap.parties().get(cap.parties().size() - 1));
        String propRole = role(cap.propounding(), "Plaintiff");
        String respRole = role(cap.responding(), "Defendant");
        m.put("propounding", propRole + (propounding == null ? "" : " " + propounding));
        m.put("responding", respRole + (responding == null ? "" : " " + responding));
        m.put("propoundingRole", propRole);
        m.put("respondingRole", respRole);
        m.put("requestsTitle", blank(cap.title()) ? propRole + "'s Requests for Production" : titleCase(cap.title()));
        m.put("responsesTitle", respRole + "'s Responses and Objections to " + (blank(cap.title()) ? propRole + "'s Requests for Production" : titleCase(cap.title())));
        m.put("production", report.production());

        LocalDate served = meta.servedOn(report.servedOn());
        m.put("servedOn", or(date(served), "responses_served_on"));
        m.put("servicePhrase", meta.responsesService() == null ? missing("responses_service") : meta.responsesService().phrase);
        m.put("serviceExtension", meta.responsesService() == null ? null : switch (meta.responsesService()) {
            case PERSONAL -> null;
            case MAIL, MAIL_OUT_OF_STATE -> "Code of Civil Procedure section 1013, subdivision (a)";
            case OVERNIGHT -> "Code of Civil Procedure section 1013, subdivision (c)";
            case FAX -> "Code of Civil Procedure section 1013, subdivision (e)";
            case ELECTRONIC -> "Code of Civil Procedure section 1010.6, subdivision (a)(3)(B)";
        });

        // The whole production, as far as the report's evidence shows it.
        List<BatesRanges.Range> all = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (RequestResult r : report.requests()) {
            all.addAll(produced(r, bates));
            if (r.resolved() || !r.classification().deficient()) continue;
            requests.add(request(r, report, style, bates));
        }
        m.put("productionRanges", BatesRanges.format(all));
        m.put("hasProductionRanges", !all.isEmpty());
        m.put("requests", requests);
        m.put("hasRequests", !requests.isEmpty());
        m.put("requestCount", requests.size());
        m.put("requestsPlural", requests.size() > 1);
        m.put("requestNumbers", numbers(requests.stream().map(x -> (String) x.get("number")).toList()));

        List<Map<String, Object>> findings = new ArrayList<>();
        boolean generalObjections = !report.generalObjections().isEmpty();
        boolean missingVerification = false;
        for (Finding f : report.findings()) {
            if ("boilerplate_general_objections".equals(f.kind())) generalObjections = true;
            if ("missing_verification".equals(f.kind())) missingVerification = true;
            if ("boilerplate_general_objections".equals(f.kind()) || "missing_verification".equals(f.kind())) continue;
            findings.add(Map.of("kind", f.kind(), "detail", sentence(f.detail())));
        }
        // A response can be deficient although the request's documents were all produced (no withholding
        // statement, no production date, a "no documents" claim the production contradicts): those findings
        // belong in the letter too, under the responses as a whole, named by their request.
        String named = report.caption() != null && "california".equals(report.caption().style()) ? "Demand No. " : "Request No. ";
        for (RequestResult r : report.requests()) {
            if (r.resolved() || r.classification().deficient()) continue;
            for (Finding f : r.findings()) {
                findings.add(Map.of("kind", f.kind(), "detail", named + r.number() + ": " + sentence(f.detail())));
            }
        }
        m.put("generalObjections", generalObjections);
        m.put("generalObjectionCount", report.generalObjections().isEmpty() ? null : String.valueOf(report.generalObjections().size()));
        m.put("missingVerification", missingVerification);
        m.put("findings", findings);
        m.put("hasFindings", !findings.isEmpty());
        m.put("generalMarker", Provenance.marker(null, report.reportId(), report.version()));

        m.put("respondWithinDays", meta.respondWithinDays() == null ? missing("respond_within_days") : String.valueOf(meta.respondWithinDays()));
        m.put("respondBy", or(date(deadlines.respondBy()), "respond_within_days"));
        m.put("motionToCompelBy", "california".equals(style)
                ? or(date(deadlines.motionToCompelBy()), served == null ? "responses_served_on" : "responses_service") : null);
        m.put("conferenceOffer", or(meta.conferenceOffer(), "conference_offer"));

        if (!blank(meta.localRule())) {
            Map<String, Object> lr = new LinkedHashMap<>();
            String rule = meta.localRule().strip();
            lr.put("citation", rule);
            boolean cd37 = rule.replaceAll("[\\s.]", "").toLowerCase(Locale.ROOT).matches("cdcal(lr|localrule)37-1");
            lr.put("cdCal37", cd37);
            lr.put("conferBy", meta.letterDate() == null ? missing("letter_date") : date(meta.letterDate().plusDays(10)));
            m.put("localRule", lr);
        }
        return m;
    }

    private static Map<String, Object> request(RequestResult r, Report report, String style, DocumentBates bates) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("number", r.number());
        x.put("marker", Provenance.marker(r.number(), report.reportId(), report.version()));
        x.put("requestParagraphs", paragraphs(r.text()));
        x.put("responseParagraphs", paragraphs(blank(r.responseText()) ? "(No response was served to this request.)" : r.responseText()));
        x.put("notProduced", r.classification() == Classification.NOT_PRODUCED);
        x.put("partiallyProduced", r.classification() == Classification.PARTIALLY_PRODUCED);
        Posture p = r.responsePosture();
        x.put("promisedProduction", p == Posture.WILL_PRODUCE);
        x.put("objectsOnly", p == Posture.OBJECTS_ONLY);
        x.put("refuses", p == Posture.REFUSES);
        x.put("claimsNoDocuments", p == Posture.NO_DOCUMENTS);
        List<String> kinds = r.objections().stream().map(Objection::kind).distinct().toList();
        List<String> boiler = kinds.stream().filter(k -> List.of("overbroad", "unduly_burdensome", "vague_ambiguous", "not_proportional", "relevance", "time_period").contains(k))
                .map(LetterModel::objectionLabel).toList();
        x.put("hasObjections", !r.objections().isEmpty());
        x.put("boilerplateObjections", boiler.isEmpty() ? null : joinAnd(boiler));
        x.put("privilege", kinds.contains("privilege"));
        x.put("confidentiality", kinds.contains("confidentiality"));
        x.put("scope", kinds.contains("relevance") || kinds.contains("not_proportional"));
        List<String> vague = r.objections().stream().filter(o -> "vague_ambiguous".equals(o.kind()) && !blank(o.phrase())).map(o -> o.phrase().strip()).distinct().toList();
        x.put("vaguePhrases", vague.isEmpty() ? null : joinAnd(vague.stream().map(v -> "\u201c" + v + "\u201d").toList()));
        List<String> dup = r.objections().stream().filter(o -> "duplicative".equals(o.kind()) && o.duplicateOf() != null).map(o -> String.valueOf(o.duplicateOf())).distinct().toList();
        x.put("duplicateOf", dup.isEmpty() ? null : joinAnd(dup));
        x.put("findings", r.findings().stream().map(f -> Map.of("kind", f.kind(), "detail", sentence(f.detail()))).toList());
        x.put("hasFindings", !r.findings().isEmpty());
        List<BatesRanges.Range> prod = produced(r, bates);
        x.put("producedRanges", BatesRanges.format(prod));
        x.put("hasProduced", !prod.isEmpty());
        List<Map<String, Object>> missing = new ArrayList<>();
        for (MissingDocument d : r.missing()) {
            Map<String, Object> md = new LinkedHashMap<>();
            md.put("name", documentName(d.fileName()));
            md.put("quote", blank(d.quote()) ? null : d.quote().strip().replaceAll("\\s+", " "));
            missing.add(md);
        }
        x.put("missing", missing);
        x.put("hasMissing", !missing.isEmpty());
        x.put("missingCount", missing.size());
        List<Map<String, Object>> subs = new ArrayList<>();
        for (SubPart sp : r.subParts()) {
            if (sp.classification() != null && sp.classification().deficient()) {
                subs.add(Map.of("label", sp.label(), "notProduced", sp.classification() == Classification.NOT_PRODUCED,
                        "partiallyProduced", sp.classification() == Classification.PARTIALLY_PRODUCED));
            }
        }
        x.put("deficientSubParts", subs);
        x.put("hasDeficientSubParts", !subs.isEmpty() && subs.size() < r.subParts().size());
        return x;
    }

    /** The Bates ranges produced for a request: each cited document's whole range when known, else the cited page. */
    static List<BatesRanges.Range> produced(RequestResult r, DocumentBates bates) {
        List<BatesRanges.Range> out = new ArrayList<>();
        LinkedHashSet<Long> seen = new LinkedHashSet<>();
        for (EvidenceRef e : r.evidence()) {
            Optional<BatesRanges.Range> whole = seen.add(e.documentId()) ? bates.apply(e.documentId()) : Optional.empty();
            if (whole.isPresent()) out.add(whole.get());
            else {
                BatesRanges.Range one = BatesRanges.range(e.bates(), e.bates());
                if (one != null) out.add(one);
            }
        }
        return out;
    }

    static String objectionLabel(String kind) {
        return switch (kind) {
            case "overbroad" -> "overbroad";
            case "unduly_burdensome" -> "unduly burdensome";
            case "vague_ambiguous" -> "vague and ambiguous";
            case "not_proportional" -> "not proportional to the needs of the case";
            case "relevance" -> "irrelevant";
            case "time_period" -> "unlimited in time";
            default -> kind.replace('_', ' ');
        };
    }

    /** A document's name for a reader: the file name without folders and extension, underscores as spaces. */
    static String documentName(String fileName) {
        if (blank(fileName)) return "an unnamed document";
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        if (dot > 0 && n.length() - dot <= 5) n = n.substring(0, dot);
        return n.replace('_', ' ').strip();
    }

    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.strip().split("\\n\\s*\\n|\\r?\\n(?=\\s*\\([a-z]\\)\\s)")) {
            String t = p.strip().replaceAll("\\s+", " ");
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    static String numbers(List<String> nums) {
        if (nums.isEmpty()) return "";
        return (nums.size() == 1 ? "No. " : "Nos. ") + joinAnd(nums);
    }

    static String joinAnd(List<String> xs) {
        if (xs.size() <= 1) return xs.isEmpty() ? "" : xs.get(0);
        if (xs.size() == 2) return xs.get(0) + " and " + xs.get(1);
        return String.join(", ", xs.subList(0, xs.size() - 1)) + ", and " + xs.get(xs.size() - 1);
    }

    static String sentence(String s) {
        if (blank(s)) return "";
        String t = s.strip();
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }

    /** "PLAINTIFF CINDERPOINT HOLDINGS, LLC" → "Plaintiff"; absent → the default. */
    static String role(String party, String dflt) {
        if (blank(party)) return dflt;
        String first = party.strip().split("\\s+")[0].replaceAll("[^A-Za-z-]", "");
        return switch (first.toLowerCase(Locale.ROOT)) {
            case "plaintiff", "defendant", "cross-complainant", "cross-defendant", "petitioner", "respondent" ->
                    Character.toUpperCase(first.charAt(0)) + first.substring(1).toLowerCase(Locale.ROOT);
            default -> dflt;
        };
    }

    /** The party's name without its role word ("Plaintiff Cinderpoint Holdings, LLC" → the name), or the fallback. */
    static String party(String party, String fallback) {
        if (!blank(party)) {
            String p = party.strip().replaceFirst("(?i)^(plaintiff|defendant|cross-complainant|cross-defendant|petitioner|respondent)s?\\b[:,]?\\s*", "");
            if (!p.isBlank()) return p.equals(p.toUpperCase(Locale.ROOT)) && fallback != null && fallback.equalsIgnoreCase(p) ? fallback : p;
        }
        return fallback;
    }

    private static final java.util.Set<String> SMALL = java.util.Set.of("of", "for", "and", "the", "to", "in", "on", "a", "an", "or", "by", "at");
    private static final java.util.Set<String> KEEP = java.util.Set.of("LLC", "LLP", "INC", "U.S.", "USA", "N.D.", "C.D.", "S.D.", "E.D.");

    /** An all-capitals title in title case; text already in mixed case is kept. */
    static String titleCase(String s) {
        if (blank(s)) return null;
        String t = s.strip().replaceAll("\\s+", " ");
        if (!t.equals(t.toUpperCase(Locale.ROOT))) return t;
        StringBuilder b = new StringBuilder();
        String[] words = t.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String lw = w.toLowerCase(Locale.ROOT);
            if (i > 0) b.append(' ');
            if (KEEP.contains(w.replace(",", ""))) b.append(w);
            else if (i > 0 && SMALL.contains(lw)) b.append(lw);
            else if (!lw.isEmpty()) b.append(Character.toUpperCase(lw.charAt(0))).append(lw.substring(1));
        }
        return b.toString().replace("'S ", "'s ");
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String or(String v, String field) {
        return blank(v) ? missing(field) : v.strip();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
