package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchService;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = {
        "Search a matter by meaning (dense), by keyword, or both (hybrid, the default).",
        "Keyword queries take Lucene syntax: \"phrases\", AND/OR/NOT, \"a b\"~5, wild*, field:value.",
        "start_char/end_char are offsets in the document's full text (pages joined with one form feed; for a "
                + "plain-text file, offsets into its decoded characters)."})
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Parameters(index = "1", arity = "0..1", description = "The query (omit with --batch).") String query;
    @Option(names = "--mode", defaultValue = "hybrid", description = "hybrid, dense or keyword (default: ${DEFAULT-VALUE}).") String mode;
    @Option(names = "--top", defaultValue = "10", description = "How many hits (default: ${DEFAULT-VALUE}).") int top;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--batch", paramLabel = "FILE.jsonl", description = "One {\"id\", \"query\"} per line; prints one {\"id\", \"hits\"} line each.") Path batch;
    @Option(names = "--document", description = "Only these document ids.") List<Long> documents;
    @Option(names = "--custodian", description = "Only documents of this custodian.") String custodian;
    @Option(names = "--production", description = "Only this production id.") Long production;
    @Option(names = "--from", description = "Documents dated on or after (YYYY-MM-DD).") LocalDate from;
    @Option(names = "--to", description = "Documents dated on or before (YYYY-MM-DD).") LocalDate to;
    @Option(names = "--type", description = "Media type, e.g. application/pdf.") String type;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() throws IOException {
        if (query == null && batch == null) throw new QuarryException("Give a query, or --batch FILE.jsonl.");
        SearchService.Mode m;
        try {
            m = SearchService.Mode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new QuarryException("--mode must be hybrid, dense or keyword.");
        }
        SearchFilter filter = new SearchFilter(documents == null ? null : new HashSet<>(documents), custodian, production, from, to, type);
        try (MatterSession s = new MatterSession(Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv)))) {
            if (batch != null) {
                try (BufferedReader in = Files.newBufferedReader(batch, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) continue;
                        JsonNode q = Json.MAPPER.readTree(line);
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("id", q.get("id"));
                        out.put("hits", toJson(s.retrieval().search(q.get("query").asText(), m, top, filter)));
                        System.out.println(Json.MAPPER.writeValueAsString(out));
                    }
                }
                return 0;
            }
            List<SearchHit> hits = s.retrieval().search(query, m, top, filter);
            if (json) {
                System.out.println(Json.write(toJson(hits)));
            } else {
                for (SearchHit h : hits) {
                    String text = h.snippet() != null ? h.snippet() : h.text();
                    System.out.printf("%2d. %.4f  %s p.%d%s [%d–%d]%n    %s%n", h.rank(), h.score(), h.fileName(), h.page(),
                            h.bates() == null ? "" : " " + h.bates(), h.startChar(), h.endChar(),
                            text.replaceAll("\\s+", " ").substring(0, Math.min(200, text.replaceAll("\\s+", " ").length())));
                }
            }
        }
        return 0;
    }

    static List<Map<String, Object>> toJson(List<SearchHit> hits) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SearchHit h : hits) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rank", h.rank());
            o.put("document_id", h.documentId());
            o.put("file_name", h.fileName());
            o.put("page", h.page());
            o.put("bates", h.bates());
            o.put("chunk_id", h.chunkId());
            o.put("start_char", h.startChar());
            o.put("end_char", h.endChar());
            o.put("score", h.score());
            o.put("dense_score", h.denseScore());
            o.put("dense_rank", h.denseRank());
            o.put("keyword_score", h.keywordScore());
            o.put("keyword_rank", h.keywordRank());
            o.put("text", h.text());
            o.put("snippet", h.snippet());
            out.add(o);
        }
        return out;
    }
}
