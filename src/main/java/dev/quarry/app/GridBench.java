package dev.quarry.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.evidence.Amounts;
import dev.quarry.evidence.Answer;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Dates;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.EvidenceEngine;
import dev.quarry.evidence.FieldTemplates;
import dev.quarry.evidence.Jurisdictions;
import dev.quarry.evidence.ValueType;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence engine measured as a grid on labelled CUAD contracts: governing law (TEXT), agreement date
 * (DATE) and eight BOOLEAN provisions, one cell per contract and variable. Accuracy per variable offline
 * (balanced accuracy for BOOLEAN, exact ISO date, governing law by normalised name), zero-shot and after
 * feedback on some contracts (their labels given as reviewed examples; all figures are taken on the other
 * contracts), the share of quotes verified, cells per second, and the same grid through a local stand-in
 * model (an OpenAI-compatible server on the loopback address that answers at once with JSON quoting the
 * passages it was given), so the model path's own cost and quote checks are measured.
 *
 * <p>Run it on a copy of the matter: the model path writes audit events.
 */
public final class GridBench {
    private GridBench() {}

    /** A variable of the bench: its criterion and the CUAD label it is scored against. */
    record Variable(String name, String label, Criterion criterion) {}

    static List<Variable> variables() {
        List<Variable> v = new ArrayList<>();
        v.add(new Variable("governing_law", "Governing Law", FieldTemplates.criterion("governing_law")));
        v.add(new Variable("agreement_date", "Agreement Date", FieldTemplates.criterion("agreement_date")));
        for (String[] b : new String[][] {{"non_compete", "Non-Compete"}, {"exclusivity", "Exclusivity"},
                {"anti_assignment", "Anti-Assignment"}, {"cap_on_liability", "Cap On Liability"}, {"audit_rights", "Audit Rights"},
                {"termination_for_convenience", "Termination For Convenience"}, {"change_of_control", "Change Of Control"},
                {"renewal_term", "Renewal Term"}}) {
            v.add(new Variable(b[0], b[1], FieldTemplates.criterion(b[0], ValueType.BOOLEAN)));
        }
        return v;
    }

    /** One labelled contract: its document and, per variable, the gold value and the labelled quote. */
    record Labelled(long documentId, String fileName, Map<String, String> gold, Map<String, String> quote) {}

    static List<Labelled> read(Path labels, Map<String, Long> idByName) throws IOException {
        List<Labelled> out = new ArrayList<>();
        for (String line : Files.readAllLines(labels)) {
            if (line.isBlank()) continue;
            JsonNode row = Json.MAPPER.readTree(line);
            String name = Path.of(row.path("txt").asText()).getFileName().toString();
            Long id = idByName.get(name);
            if (id == null) continue;
            Map<String, String> gold = new LinkedHashMap<>();
            Map<String, String> quote = new LinkedHashMap<>();
            for (Variable v : variables()) {
                JsonNode l = row.path("labels").path(v.label());
                String answer = l.path("answer").asText("");
                gold.put(v.name(), gold(v, answer));
                JsonNode spans = l.path("spans");
                quote.put(v.name(), spans.isArray() && spans.size() > 0 ? spans.get(0).path("text").asText() : null);
            }
            out.add(new Labelled(id, name, gold, quote));
        }
        return out;
    }

    /** The label as the engine's normalised value: a jurisdiction's name, an ISO date, yes/no; "" for not stated. */
    static String gold(Variable v, String answer) {
        String a = answer == null ? "" : answer.strip();
        return switch (v.criterion().type()) {
            case TEXT -> Jurisdictions.normalise(a).orElse("");
            case DATE -> Dates.normaliseLabel(a).orElse("");
            case BOOLEAN -> v.name().equals("renewal_term") ? (a.isEmpty() ? "no" : "yes") : a.equalsIgnoreCase("yes") ? "yes" : "no";
            default -> a;
        };
    }

    public static Map<String, Object> run(MatterSession session, Path labels, int documents, int feedback, boolean offlineOnly,
                                          int llmDocuments, Consumer<String> progress) throws IOException {
        Matter matter = session.matter();
        Map<String, Long> idByName = new HashMap<>();
        for (DocumentSummary d : session.documents().listAll()) idByName.putIfAbsent(d.fileName(), d.id());
        List<Labelled> all = read(labels, idByName);
        if (all.isEmpty()) throw new dev.quarry.core.QuarryException("None of the labelled contracts of " + labels + " is in this matter.");
        if (documents > 0 && documents < all.size()) all = QaBench.spread(all, documents);
        // Feedback documents spread over the list; every figure is taken on the others.
        List<Labelled> reviewed = feedback <= 0 ? List.of() : QaBench.spread(all, Math.min(feedback, all.size() / 2));
        List<Labelled> scored = all.stream().filter(l -> !reviewed.contains(l)).toList();
        List<Variable> vars = variables();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labelled_documents_in_matter", all.size());
        out.put("feedback_documents", reviewed.size());
        out.put("scored_documents", scored.size());
        out.put("variables", vars.stream().map(Variable::name).toList());

        EvidenceEngine engine = new EvidenceEngine(matter, session.retrieval(), null);
        // Warm-up (model load, JIT), not counted: the first two scored documents.
        for (Labelled l : scored.subList(0, Math.min(2, scored.size()))) for (Variable v : vars) engine.ask(l.documentId(), v.criterion(), Evidence.Mode.OFFLINE);
        engine = new EvidenceEngine(matter, session.retrieval(), null);

        if (System.getenv("QUARRY_GRID_FEATURES") != null) {
            // Measurement aid: the offline BOOLEAN features of every labelled contract, for tuning on the dev labels as a whole.
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Labelled l : all) {
                for (Variable v : vars) {
                    if (v.criterion().type() != ValueType.BOOLEAN) continue;
                    Map<String, Object> r = new LinkedHashMap<>(engine.explain(l.documentId(), v.criterion()));
                    r.remove("calibration");
                    r.put("variable", v.name());
                    r.put("gold", l.gold().get(v.name()));
                    r.put("file", l.fileName());
                    rows.add(r);
                }
            }
            Files.writeString(Path.of(System.getenv("QUARRY_GRID_FEATURES")), Json.write(rows));
        }
        Map<String, Object> zero = new LinkedHashMap<>();
        long cpu0 = cpuNanos(), t0 = System.nanoTime();
        Map<String, List<Answer>> zeroAnswers = grid(engine, scored, vars, Evidence.Mode.OFFLINE, progress, "zero-shot");
        double secs = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - cpu0) / 1e9;
        zero.put("per_variable", score(vars, scored, zeroAnswers));
        zero.put("quotes", quotes(zeroAnswers));
        zero.put("cells", scored.size() * vars.size());
        zero.put("seconds", round(secs));
        zero.put("cells_per_second", round(scored.size() * vars.size() / secs));
        zero.put("cpu_seconds", round(cpu));
        out.put("offline_zero_shot", zero);

        if (!reviewed.isEmpty()) {
            EvidenceEngine tuned = new EvidenceEngine(matter, session.retrieval(), null);
            List<Variable> withExamples = new ArrayList<>();
            for (Variable v : vars) withExamples.add(new Variable(v.name(), v.label(), v.criterion().withExamples(examples(v, reviewed, zeroAnswers, engine))));
            long t1 = System.nanoTime();
            Map<String, List<Answer>> fb = grid(tuned, scored, withExamples, Evidence.Mode.OFFLINE, progress, "after feedback");
            double s1 = (System.nanoTime() - t1) / 1e9;
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("per_variable", score(withExamples, scored, fb));
            Map<String, Object> cals = new LinkedHashMap<>();
            for (Variable v : withExamples) cals.put(v.name(), String.valueOf(tuned.explain(scored.get(0).documentId(), v.criterion()).get("calibration")));
            after.put("calibration", cals);
            after.put("quotes", quotes(fb));
            after.put("seconds_including_calibration", round(s1));
            after.put("cells_per_second", round(scored.size() * vars.size() / s1));
            out.put("offline_after_feedback", after);
        }

        if (!offlineOnly) {
            List<Labelled> llmDocs = llmDocuments > 0 && llmDocuments < scored.size() ? QaBench.spread(scored, llmDocuments) : scored;
            try (QaBench.InstantServer server = QaBench.InstantServer.start(GridBench::standIn)) {
                matter.settings().put(dev.quarry.llm.EgressPolicy.QUERIES_PER_HOUR, "1000000");
                matter.settings().put(dev.quarry.llm.EgressPolicy.TOKENS_PER_DAY, "1000000000");
                LlmGateway gateway = LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, server.baseUrl(), "instant", null));
                EvidenceEngine withModel = new EvidenceEngine(matter, session.retrieval(), gateway);
                long t2 = System.nanoTime();
                Map<String, List<Answer>> llm = grid(withModel, llmDocs, vars, Evidence.Mode.LLM, progress, "stand-in model");
                double s2 = (System.nanoTime() - t2) / 1e9;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("what", "a local OpenAI-compatible stand-in answering at once with JSON that quotes the passages given; "
                        + "its values are not a model's judgement, so its accuracy is not reported, only the pipeline's cost and checks");
                m.put("documents", llmDocs.size());
                m.put("cells", llmDocs.size() * vars.size());
                m.put("seconds", round(s2));
                m.put("cells_per_second", round(llmDocs.size() * vars.size() / s2));
                m.put("model_requests", server.requests());
                m.put("outcomes", outcomes(llm));
                m.put("quotes", quotes(llm));
                out.put("stand_in_model", m);
            }
        }
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    static Map<String, List<Answer>> grid(EvidenceEngine engine, List<Labelled> docs, List<Variable> vars, Evidence.Mode mode,
                                          Consumer<String> progress, String what) {
        Map<String, List<Answer>> out = new LinkedHashMap<>();
        for (Variable v : vars) out.put(v.name(), new ArrayList<>());
        int n = 0;
        // Document by document, every variable: how a grid fills its rows, and each document is read once.
        for (Labelled l : docs) {
            for (Variable v : vars) out.get(v.name()).add(engine.ask(l.documentId(), v.criterion(), mode));
            if (++n % 25 == 0) progress.accept(what + ": " + n + "/" + docs.size() + " documents");
        }
        return out;
    }

    /** The reviewed documents' labels as examples: the right value, the labelled passage, and whether the zero-shot cell was right. */
    static List<Criterion.Example> examples(Variable v, List<Labelled> reviewed, Map<String, List<Answer>> zero, EvidenceEngine engine) {
        List<Criterion.Example> out = new ArrayList<>();
        for (Labelled l : reviewed) {
            String gold = l.gold().get(v.name());
            Answer a = engine.ask(l.documentId(), v.criterion(), Evidence.Mode.OFFLINE);
            boolean correct = a.value().equalsIgnoreCase(gold);
            String quote = l.quote().get(v.name());
            if (v.criterion().type() == ValueType.BOOLEAN && gold.equals("no")) quote = null;
            out.add(new Criterion.Example(gold, quote, correct, null, l.documentId()));
        }
        return out;
    }

    static Map<String, Object> score(List<Variable> vars, List<Labelled> docs, Map<String, List<Answer>> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        double boolSum = 0;
        int boolN = 0;
        for (Variable v : vars) {
            List<Answer> as = answers.get(v.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", v.criterion().type().name());
            if (v.criterion().type() == ValueType.BOOLEAN) {
                int tp = 0, fn = 0, tn = 0, fp = 0;
                for (int i = 0; i < docs.size(); i++) {
                    boolean gold = docs.get(i).gold().get(v.name()).equals("yes");
                    boolean got = as.get(i).value().equals("yes");
                    if (gold && got) tp++;
                    else if (gold) fn++;
                    else if (got) fp++;
                    else tn++;
                }
                double tpr = tp + fn == 0 ? 1 : (double) tp / (tp + fn), tnr = tn + fp == 0 ? 1 : (double) tn / (tn + fp);
                m.put("balanced_accuracy", round3((tpr + tnr) / 2));
                m.put("accuracy", round3((double) (tp + tn) / docs.size()));
                m.put("tp_fn_tn_fp", List.of(tp, fn, tn, fp));
                boolSum += (tpr + tnr) / 2;
                boolN++;
            } else {
                int right = 0, stated = 0, answered = 0;
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < docs.size(); i++) {
                    String gold = docs.get(i).gold().get(v.name());
                    String got = as.get(i).value();
                    if (!gold.isEmpty()) stated++;
                    if (!got.isEmpty()) answered++;
                    if (got.equalsIgnoreCase(gold)) right++;
                    else if (wrong.size() < 40) wrong.add(docs.get(i).fileName().replaceAll("^(.{30}).*", "$1") + ": got '" + got + "' want '" + gold + "'");
                }
                m.put("accuracy", round3((double) right / docs.size()));
                m.put("labelled_stated", stated);
                m.put("answered", answered);
                m.put("some_misses", wrong);
            }
            out.put(v.name(), m);
        }
        if (boolN > 0) out.put("boolean_mean_balanced_accuracy", round3(boolSum / boolN));
        return out;
    }

    static Map<String, Object> quotes(Map<String, List<Answer>> answers) {
        int with = 0, verified = 0;
        for (List<Answer> as : answers.values()) {
            for (Answer a : as) {
                if (a.quote() == null) continue;
                with++;
                if (a.quote().verified()) verified++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("with_quote", with);
        m.put("verified", verified);
        m.put("share_verified", with == 0 ? null : round3((double) verified / with));
        return m;
    }

    static Map<String, Integer> outcomes(Map<String, List<Answer>> answers) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (List<Answer> as : answers.values()) for (Answer a : as) m.merge(a.outcome().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        return m;
    }

    private static final Pattern SOURCE = Pattern.compile("<source id=\"(\\d+)\"[^>]*>\\n(.*?)\\n</source>", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("Value wanted: \\S+ \\((\\w+)\\)");

    /**
     * The stand-in model: answers the evidence prompt at once with the JSON it asks for, quoting passage 1
     * (a date or an amount found in the passages when the type wants one; "yes" for a BOOLEAN). Its quotes
     * are exact copies, so every one should verify; the bench counts that they do.
     */
    static String standIn(String prompt) {
        Matcher t = TYPE.matcher(prompt);
        String type = t.find() ? t.group(1) : "text";
        List<String> sources = new ArrayList<>();
        Matcher m = SOURCE.matcher(prompt);
        while (m.find()) sources.add(m.group(2));
        if (sources.isEmpty()) return "{\"value\": null, \"quote\": \"\", \"source\": null}";
        for (int i = 0; i < sources.size(); i++) {
            String s = sources.get(i);
            if (type.equals("date")) {
                List<Dates.Found> ds = Dates.findAll(s);
                if (!ds.isEmpty()) return json(ds.get(0).raw(), ds.get(0).raw(), i + 1);
            } else if (type.equals("number")) {
                var a = Amounts.parseNumber(s);
                if (a.isPresent()) return json(a.get().raw(), a.get().raw(), i + 1);
            }
        }
        String first = sources.get(0).strip();
        int end = first.indexOf(". ");
        String quote = first.substring(0, Math.min(first.length(), Math.min(160, end > 20 ? end : first.length()))).strip();
        return switch (type) {
            case "boolean" -> json("yes", quote, 1);
            case "date", "number" -> "{\"value\": null, \"quote\": \"\", \"source\": null}";
            default -> json(quote.length() > 60 ? quote.substring(0, 60) : quote, quote, 1);
        };
    }

    private static String json(String value, String quote, int source) {
        return "{\"value\": " + Json.write(value) + ", \"quote\": " + Json.write(quote) + ", \"source\": " + source + "}";
    }

    /** The figures as a few lines of text: per variable zero-shot and after feedback, quotes, speed. */
    @SuppressWarnings("unchecked")
    public static String summary(Map<String, Object> out) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> zero = (Map<String, Object>) out.get("offline_zero_shot");
        Map<String, Object> after = (Map<String, Object>) out.get("offline_after_feedback");
        sb.append(String.format(Locale.ROOT, "%d labelled contracts, %s as feedback, %s scored%n", out.get("labelled_documents_in_matter"),
                out.get("feedback_documents"), out.get("scored_documents")));
        sb.append(String.format(Locale.ROOT, "%-28s %-8s %10s %15s%n", "variable", "type", "zero-shot", "after feedback"));
        Map<String, Object> z = (Map<String, Object>) zero.get("per_variable");
        Map<String, Object> a = after == null ? Map.of() : (Map<String, Object>) after.get("per_variable");
        for (Map.Entry<String, Object> e : z.entrySet()) {
            if (!(e.getValue() instanceof Map)) continue;
            Map<String, Object> zv = (Map<String, Object>) e.getValue();
            Map<String, Object> av = (Map<String, Object>) a.get(e.getKey());
            String key = zv.containsKey("balanced_accuracy") ? "balanced_accuracy" : "accuracy";
            sb.append(String.format(Locale.ROOT, "%-28s %-8s %10s %15s%n", e.getKey(), zv.get("type"), zv.get(key), av == null ? "-" : av.get(key)));
        }
        sb.append(String.format(Locale.ROOT, "%-28s %-8s %10s %15s%n", "BOOLEAN mean balanced acc.", "", z.get("boolean_mean_balanced_accuracy"),
                a.getOrDefault("boolean_mean_balanced_accuracy", "-")));
        sb.append("quotes verified (zero-shot): ").append(zero.get("quotes")).append('\n');
        sb.append("offline cells per second: ").append(zero.get("cells_per_second")).append(" (").append(zero.get("cells")).append(" cells, ")
                .append(out.get("cores")).append(" cores)\n");
        if (out.get("stand_in_model") instanceof Map<?, ?> m) {
            sb.append("stand-in model: ").append(m.get("cells_per_second")).append(" cells per second, outcomes ").append(m.get("outcomes"))
                    .append(", quotes ").append(m.get("quotes")).append('\n');
        }
        return sb.toString();
    }

    static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
