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

@Command(name = "eval", description = "Evaluations, printed as JSON.", subcommands = {EvalCommand.Retrieval.class})
final class EvalCommand {

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
}
