package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchService;
import dev.quarry.retrieval.eval.RetrievalEval;
import dev.quarry.retrieval.eval.SpanMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", description = "Evaluations, printed as JSON.", subcommands = {EvalCommand.Retrieval.class, EvalCommand.Confidence.class, EvalCommand.Deficiency.class})
final class EvalCommand {

    @Command(name = "deficiency", description = {
            "Measure deficiency review on a scenario of ../shared/corpus/deficiency against its gold.json.",
            "Imports the scenario's production and, as the known set, every CUAD contract of the labels file the gold names "
                    + "(a matter already holding them only gains sources), analyses offline and reports requests found, "
                    + "posture and classification accuracy, evidence precision, recall of withheld documents and the time."})
    static final class Deficiency implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder (created when missing).") Path dir;
        @Parameters(index = "1", description = "The scenario folder (gold.json, rfp, responses, production).") Path scenario;
        @Option(names = "--cuad", paramLabel = "DIR", description = "The CUAD folder (default: ../cuad beside the scenarios).") Path cuad;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.isRegularFile(scenario.resolve("gold.json"))) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), scenario + " is not a scenario folder (no gold.json).");
            }
            CancelOnInterrupt cancel = new CancelOnInterrupt("the evaluation");
            try {
                Map<String, Object> out = dev.quarry.app.DeficiencyEval.run(dir, scenario, cuad, cancel.token(), System.err::println);
                System.out.println(Json.write(out));
                return 0;
            } finally {
                cancel.finish(0);
            }
        }
    }

    @Command(name = "retrieval", description = {
            "Measure retrieval on a matter with a LegalBench-RAG queries file.",
            "Reports character precision@k, recall@k and document hit@k for k = 1..64, for dense, keyword and hybrid "
                    + "search. Queries whose gold files are not all in the matter are left out (and counted), so a "
                    + "subset matter gives a subset evaluation."})
    static final class Retrieval implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "LegalBench-RAG queries JSON.") Path queries;
        @Option(names = "--modes", split = ",", defaultValue = "dense,keyword,hybrid",
                description = "Search modes to evaluate, comma-separated (default: ${DEFAULT-VALUE}).") List<String> modes;
        @Option(names = "--limit", description = "Use only the first N queries of the file.") Integer limit;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            List<RetrievalEval.Query> all = RetrievalEval.load(queries);
            if (limit != null && limit < all.size()) all = all.subList(0, limit);
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                Map<String, Long> docs = new HashMap<>();
                for (DocumentSummary d : s.documents().listAll()) docs.put(d.fileName(), d.id());
                List<RetrievalEval.Query> usable = new ArrayList<>();
                for (RetrievalEval.Query q : all) {
                    if (q.gold().stream().allMatch(g -> docs.containsKey(g.file()))) usable.add(q);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("queries_file", queries.toString());
                out.put("queries_considered", all.size());
                out.put("queries_evaluated", usable.size());
                out.put("documents_in_matter", docs.size());
                out.put("offset_check", checkOffsets(s, usable, docs, queries.toAbsolutePath().getParent()));
                List<Object> results = new ArrayList<>();
                for (String m : modes) {
                    SearchService.Mode mode = SearchService.Mode.of(m);
                    results.add(RetrievalEval.run(usable, mode, (q, k) -> s.retrieval().search(q, mode, k, SearchFilter.NONE)));
                }
                out.put("results", results);
                System.out.println(Json.write(out));
            }
            return 0;
        }

        /**
         * Gold spans index the original files' characters; our offsets index the stored full text. Where the
         * original file sits next to the queries ({@code contracts/NAME}), check that both texts are identical.
         */
        private static Map<String, Object> checkOffsets(MatterSession s, List<RetrievalEval.Query> qs, Map<String, Long> docs,
                                                        Path base) {
            java.util.Set<String> files = new java.util.TreeSet<>();
            for (RetrievalEval.Query q : qs) for (SpanMetrics.Span g : q.gold()) files.add(g.file());
            int compared = 0, identical = 0;
            List<String> differing = new ArrayList<>();
            for (String f : files) {
                Path original = base.resolve("contracts").resolve(f);
                if (!java.nio.file.Files.isRegularFile(original)) continue;
                compared++;
                try {
                    String text = java.nio.file.Files.readString(original, java.nio.charset.StandardCharsets.UTF_8);
                    if (text.equals(s.documents().fullText(docs.get(f)))) identical++; else differing.add(f);
                } catch (java.io.IOException e) {
                    differing.add(f + " (unreadable)");
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("gold_files_compared", compared);
            r.put("identical_text", identical);
            r.put("differing", differing.size() > 10 ? differing.subList(0, 10) : differing);
            return r;
        }
    }

    @Command(name = "confidence", description = {
            "Measure whether Q&A's confidence separates right answers from wrong ones.",
            "It runs on a temporary copy of matter DIR (its history stays as it was): every question of the "
                    + "LegalBench-RAG QUERIES file is answered, and an answer is right when a passage it cites overlaps "
                    + "a gold span.",
            "Prints AUROC, a reliability table (confidence bins: count, share right), the review threshold the rule "
                    + "gives, and how many --off-topic questions were caught."})
    static final class Confidence implements Callable<Integer> {
        @Parameters(index = "0", description = "A searchable matter holding the queries' documents (left untouched).") Path dir;
        @Parameters(index = "1", description = "LegalBench-RAG queries JSON (\"tests\" with \"query\" and gold \"snippets\").") Path queries;
        @Option(names = "--limit", paramLabel = "N", description = "Use only the first N queries of the file.") Integer limit;
        @Option(names = "--half", defaultValue = "all", paramLabel = "even|odd|all", description = "Only the queries at even "
                + "(0, 2, …) or odd positions of the file: fit on one half, report on the other (default: ${DEFAULT-VALUE}).") String half;
        @Option(names = "--offline", description = "Extractive answers (no model); without it a local server that quotes "
                + "sources [1] and [2] at once plays the model, as in bench ask.") boolean offline;
        @Option(names = "--off-topic", paramLabel = "FILE", description = "Questions the matter cannot answer, one per "
                + "line; each counts as caught when refused or flagged for review.") Path offTopic;
        @Option(names = "--details", paramLabel = "FILE", description = "Write one JSON line per question (confidence, "
                + "right or not, breakdown).") Path details;
        @Option(names = "--candidates", description = "With --details: also each retrieved candidate's scores and whether "
                + "it overlaps gold (searches every question a second time).") boolean candidates;
        @Option(names = "--fit", split = ",", paramLabel = "SIGNAL,…", description = "Fit a logistic regression of "
                + "right/wrong on these confidence_breakdown signals and print its weights (for choosing the design).") List<String> fit;
        @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the matter's password.") String passwordEnv;

        @Override
        public Integer call() throws java.io.IOException {
            if (!dev.quarry.core.Matter.isMatter(dir)) throw new dev.quarry.core.QuarryException(dir + " is not a Quarry matter.");
            if (!List.of("even", "odd", "all").contains(half)) {
                throw new dev.quarry.core.QuarryException("--half is even, odd or all, not \"" + half + "\".");
            }
            var tests = dev.quarry.app.QaBench.readTests(Json.MAPPER.readTree(queries.toFile()));
            if (tests.isEmpty()) throw new dev.quarry.core.QuarryException(queries + " holds no tests.");
            int n = limit == null ? tests.size() : Math.min(limit, tests.size());
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < n; i++) if (half.equals("all") || (i % 2 == 0) == half.equals("even")) indexes.add(i);
            List<String> off = offTopic == null ? List.of() : java.nio.file.Files.readAllLines(offTopic).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("quarry-eval-confidence-");
            try {
                BenchCommand.Grow.copyTree(dir, tmp.resolve("matter"), true);
                List<dev.quarry.app.ConfidenceEval.Row> rows = new ArrayList<>();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("matter", dir.toString());
                out.put("queries_file", queries.toString());
                out.put("half", half);
                try (MatterSession s = new MatterSession(Passwords.open(tmp.resolve("matter"), passwordEnv))) {
                    out.put("review_threshold", s.matter().settings().find(dev.quarry.qa.QaService.REVIEW_THRESHOLD)
                            .map(Double::parseDouble).orElse(dev.quarry.qa.QaService.DEFAULT_REVIEW_THRESHOLD));
                    out.putAll(dev.quarry.app.ConfidenceEval.run(s, tests, indexes, offline, off, rows, details != null && candidates, System.err::println));
                }
                if (fit != null && !fit.isEmpty()) out.put("fit", fit(rows, fit));
                if (details != null) {
                    StringBuilder sb = new StringBuilder();
                    for (var r : rows) sb.append(Json.write(r)).append('\n');
                    java.nio.file.Files.writeString(details, sb.toString());
                }
                System.out.println(Json.write(out));
            } finally {
                BenchCommand.deleteTree(tmp);
            }
            return 0;
        }

        private static Map<String, Object> fit(List<dev.quarry.app.ConfidenceEval.Row> all, List<String> signals) {
            List<dev.quarry.app.ConfidenceEval.Row> rows = all.stream()
                    .filter(r -> r.breakdown() != null && signals.stream().allMatch(r.breakdown()::containsKey)).toList();
            double[][] x = new double[rows.size()][signals.size()];
            boolean[] y = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < signals.size(); j++) x[i][j] = rows.get(i).breakdown().get(signals.get(j));
                y[i] = rows.get(i).right();
            }
            double[] w = dev.quarry.qa.ConfidenceMetrics.fitLogistic(x, y, 1.0);
            double[] p = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) p[i] = dev.quarry.qa.ConfidenceMetrics.predict(w, x[i]);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rows", rows.size());
            Map<String, Double> weights = new LinkedHashMap<>();
            weights.put("intercept", Math.round(w[0] * 1000) / 1000.0);
            for (int j = 0; j < signals.size(); j++) weights.put(signals.get(j), Math.round(w[j + 1] * 1000) / 1000.0);
            out.put("weights", weights);
            out.put("auroc_on_these_rows", Math.round(dev.quarry.qa.ConfidenceMetrics.auroc(p, y) * 1000) / 1000.0);
            Map<String, Double> single = new LinkedHashMap<>();
            for (int j = 0; j < signals.size(); j++) {
                double[] col = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) col[i] = x[i][j];
                single.put(signals.get(j), Math.round(dev.quarry.qa.ConfidenceMetrics.auroc(col, y) * 1000) / 1000.0);
            }
            out.put("auroc_of_each_signal_alone", single);
            return out;
        }
    }
}
