package dev.quarry.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.documents.ChunkRecord;
import dev.quarry.evidence.EvidenceEngine.Prepared;
import dev.quarry.evidence.EvidenceEngine.Ranked;
import dev.quarry.llm.LlmException;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmRequest;
import dev.quarry.llm.LlmResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model extractor: a prompt generated from the criterion with the document's best passages, sent
 * through {@link LlmGateway} (so the offline switch, redaction, budget and audit hold), and a strict JSON
 * answer {@code {"value": ..., "quote": "...", "source": N}}. A reply that is not that object is asked for
 * once more; a second bad reply is an ERROR answer with the reason. The quote is checked against the chunk
 * of the passage it names; one that is not there is kept unverified, halves the confidence and sends the
 * answer to review.
 */
final class ModelExtractor {
    /** Passages given to the model. */
    static final int PASSAGES = 5;
    /** Confidence of a model's value whose quote verified (the model gives no probability of its own). */
    static final double VERIFIED = 0.85;
    static final String PURPOSE = "evidence";

    private final LlmGateway gateway;

    ModelExtractor(LlmGateway gateway) {
        this.gateway = gateway;
    }

    static final String SYSTEM = """
            You read numbered passages of one document and report one value from them.
            Reply with one JSON object and nothing else: {"value": ..., "quote": "...", "source": N}
            - value: the value the passages state; null when they do not state it.
            - quote: words copied exactly from passage N that show the value ("" when value is null).
            - source: the number of the passage quoted (null when value is null).
            Never guess and never copy words that are not in the passage.""";

    /** The prompt's user part: the criterion, its reviewed examples, and the passages. */
    static String prompt(Criterion c, DocumentPassages d, List<Integer> passages) {
        StringBuilder sb = new StringBuilder();
        sb.append("Value wanted: ").append(c.name()).append(" (").append(c.type().name().toLowerCase(Locale.ROOT)).append(")\n");
        if (!c.instructions().isBlank()) sb.append("Instructions: ").append(c.instructions().strip()).append('\n');
        sb.append(switch (c.type()) {
            case BOOLEAN -> "Answer \"yes\" or \"no\": \"yes\" only when a passage says it; \"no\" when the passages do not.\n";
            case DATE -> "Give the date as written in the passage.\n";
            case NUMBER -> "Give the number with its unit or currency as written (\"thirty (30) days\", \"$1,500,000\").\n";
            case CATEGORY -> "Answer with " + (c.allowMultiple() ? "one or more of (joined by \"; \")" : "exactly one of") + ": "
                    + String.join(" | ", c.categories()) + (c.allowOther() ? " (or \"other\" when none fits)" : "") + ".\n";
            case TEXT -> "Give the value in a few words, as the passage states it.\n";
        });
        List<Criterion.Example> examples = c.examples().stream().filter(e -> e.value() != null).limit(5).toList();
        if (!examples.isEmpty()) {
            sb.append("Reviewed examples from other documents:\n");
            for (Criterion.Example e : examples) {
                sb.append("- value: ").append(e.value().isBlank() ? "null (not stated)" : e.value());
                if (e.quote() != null && !e.quote().isBlank()) sb.append("; quote: \"").append(clip(e.quote(), 300)).append('"');
                if (e.comment() != null && !e.comment().isBlank()) sb.append("; reviewer: ").append(clip(e.comment(), 200));
                sb.append('\n');
            }
        }
        sb.append("\nPassages:\n");
        for (int n = 0; n < passages.size(); n++) {
            ChunkRecord ch = d.chunk(passages.get(n));
            sb.append("<source id=\"").append(n + 1).append("\" page=\"").append(ch.pageNumber()).append("\">\n")
                    .append(ch.text().strip()).append("\n</source>\n");
        }
        sb.append("\nReply with the JSON object only.");
        return sb.toString();
    }

    private static String clip(String s, int n) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= n ? t : t.substring(0, n) + "…";
    }

    Answer extract(DocumentPassages d, Prepared p, List<Ranked> ranked, EvidenceEngine engine) {
        Criterion c = p.criterion();
        List<Integer> passages = new ArrayList<>();
        for (int r = 0; r < Math.min(PASSAGES, ranked.size()); r++) passages.add(ranked.get(r).index());
        String user = prompt(c, d, passages);
        List<Answer.Seen> closest = EvidenceEngine.closest(d, ranked, EvidenceEngine.CLOSEST);
        String model = gateway.config().map(cfg -> cfg.model()).orElse(null);
        String problem = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            String ask = attempt == 0 ? user : user + "\n\nYour previous reply could not be used (" + problem
                    + "). Reply with exactly one JSON object {\"value\": ..., \"quote\": \"...\", \"source\": N} and nothing else.";
            LlmResponse r;
            try {
                r = gateway.complete(new LlmRequest(SYSTEM, ask, 600, 0.0, List.of(d.documentId()), PURPOSE, c.name(), false));
            } catch (LlmException e) {
                return withModel(EvidenceEngine.error(c, d.documentId(), e.getMessage(), null), p, closest, model);
            }
            model = r.model() == null ? model : r.model();
            Parsed parsed = parse(r.text(), c, passages.size());
            if (parsed.problem() == null) return answer(d, p, passages, parsed, closest, model);
            problem = parsed.problem();
        }
        return withModel(EvidenceEngine.error(c, d.documentId(),
                "The model's reply was not the JSON answer asked for, twice (" + problem + ").", null), p, closest, model);
    }

    private static Answer withModel(Answer a, Prepared p, List<Answer.Seen> closest, String model) {
        return new Answer(a.criterion(), a.documentId(), a.outcome(), a.rawValue(), a.value(), a.unit(), a.confidence(), a.quote(),
                Answer.Method.LLM, true, p.queries(), closest, model, a.error());
    }

    /** A reply read: the raw and normalised value (null raw: not stated), unit, quote and source; or why it is unusable. */
    record Parsed(String raw, String value, String unit, String quote, int source, String problem) {
        static Parsed bad(String why) {
            return new Parsed(null, null, null, null, 0, why);
        }
    }

    static Parsed parse(String text, Criterion c, int sources) {
        if (text == null) return Parsed.bad("empty reply");
        String t = text.strip();
        int open = t.indexOf('{'), close = t.lastIndexOf('}');
        if (open < 0 || close < open) return Parsed.bad("no JSON object in the reply");
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(t.substring(open, close + 1));
        } catch (java.io.IOException e) {
            return Parsed.bad("invalid JSON");
        }
        if (!n.isObject() || !n.has("value")) return Parsed.bad("no \"value\" field");
        JsonNode v = n.get("value");
        String raw = v.isNull() ? null : v.isTextual() ? v.asText().strip() : v.isBoolean() ? (v.asBoolean() ? "yes" : "no") : v.isNumber() ? v.asText() : null;
        if (raw == null && !v.isNull()) return Parsed.bad("\"value\" is not text, a number or null");
        if (raw != null && (raw.isEmpty() || raw.equalsIgnoreCase("null") || raw.equalsIgnoreCase("not stated"))) raw = null;
        if (raw == null) return new Parsed(null, "", null, null, 0, null);
        String quote = n.path("quote").isTextual() ? n.get("quote").asText() : "";
        int source = n.path("source").canConvertToInt() ? n.get("source").asInt() : n.path("source").isTextual() && n.get("source").asText().matches("\\d{1,3}")
                ? Integer.parseInt(n.get("source").asText()) : -1;
        // A BOOLEAN "no" has nothing to quote; every other value must show where it stands.
        boolean needsQuote = !(c.type() == ValueType.BOOLEAN && (raw.equalsIgnoreCase("no") || raw.equalsIgnoreCase("false")));
        if (needsQuote) {
            if (quote.isBlank()) return Parsed.bad("no \"quote\" for the value");
            if (source < 1 || source > sources) return Parsed.bad("\"source\" is not the number of a passage given");
        }
        String unit = null;
        String value;
        switch (c.type()) {
            case BOOLEAN -> {
                String s = raw.toLowerCase(Locale.ROOT);
                if (OfflineDecider.yes(s)) value = "yes";
                else if (s.equals("no") || s.equals("false") || s.equals("n") || s.equals("0")) value = "no";
                else return Parsed.bad("\"value\" is not yes or no");
            }
            case DATE -> {
                Optional<String> iso = Dates.parse(raw).or(() -> Dates.parse(quote));
                if (iso.isEmpty()) return Parsed.bad("\"value\" is not a date");
                value = iso.get();
            }
            case NUMBER -> {
                Optional<Amounts.Found> f = Amounts.parseNumber(raw).or(() -> Amounts.parseNumber(quote));
                if (f.isEmpty()) return Parsed.bad("\"value\" is not a number");
                value = f.get().valueText();
                unit = f.get().unit();
            }
            case CATEGORY -> {
                List<String> chosen = new ArrayList<>();
                for (String part : raw.split("\\s*[;|]\\s*")) {
                    String match = null;
                    for (String cat : c.categories()) if (cat.equalsIgnoreCase(part.strip())) match = cat;
                    if (match == null && c.allowOther()) match = "other";
                    if (match == null) return Parsed.bad("\"" + clip(part, 40) + "\" is not one of the categories");
                    if (!chosen.contains(match)) chosen.add(match);
                }
                if (!c.allowMultiple() && chosen.size() > 1) return Parsed.bad("several categories where one is allowed");
                value = String.join("; ", chosen);
            }
            default -> value = Queries.isGoverningLaw(c) ? Jurisdictions.normalise(raw).orElse(raw) : raw;
        }
        return new Parsed(raw, value, unit, quote, source, null);
    }

    private static Answer answer(DocumentPassages d, Prepared p, List<Integer> passages, Parsed r, List<Answer.Seen> closest, String model) {
        Criterion c = p.criterion();
        if (r.raw() == null) {
            return new Answer(c.name(), d.documentId(), Answer.Outcome.NOT_STATED, null, "", null, 0.7, null, Answer.Method.LLM, false,
                    p.queries(), closest, model, null);
        }
        Quote q = null;
        double conf = VERIFIED;
        if (r.quote() != null && !r.quote().isBlank() && r.source() >= 1 && r.source() <= passages.size()) {
            q = EvidenceEngine.quote(d, passages.get(r.source() - 1), r.quote());
            if (!q.verified()) conf *= 0.5;
        }
        boolean review = q != null && !q.verified();
        return new Answer(c.name(), d.documentId(), Answer.Outcome.VALUE, r.raw(), r.value(), r.unit(), conf, q, Answer.Method.LLM,
                review, p.queries(), closest, model, null);
    }
}
