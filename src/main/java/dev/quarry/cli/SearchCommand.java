package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.KeywordSyntaxException;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchResult;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = {
        "Search a matter by meaning (dense), by keyword, or both (hybrid, the default).",
        "Keyword queries take Lucene syntax: \"phrases\", AND/OR/NOT, \"a b\"~5, wild*, field:value.",
        "start_char/end_char are offsets in the document's full text (pages joined with one form feed; for a "
                + "plain-text file, offsets into its decoded characters).",
        "Plain words match their stems (terminated finds terminate); wildcards, fuzzy terms (~), /regex/ and anything "
                + "in quotes match the words as written.",
        "A notice says when the keywords matched nothing or could not be read; invalid keyword syntax in --mode "
                + "keyword exits 2. --json prints {\"hits\": [...], \"notice\", \"notice_kind\"}."})
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
                        try {
                            SearchResult r = s.retrieval().find(q.get("query").asText(), m, top, filter);
                            out.put("hits", toJson(r.hits()));
                            out.put("notice", r.noticeText());
                        } catch (KeywordSyntaxException e) {
                            // One unreadable line of a batch is that line's answer, not the end of the batch.
                            out.put("hits", List.of());
                            out.put("notice", e.getMessage());
                        }
                        System.out.println(Json.MAPPER.writeValueAsString(out));
                    }
                }
                return 0;
            }
            SearchResult r;
            try {
                r = s.retrieval().find(query, m, top, filter);
            } catch (KeywordSyntaxException e) {
                System.err.println("quarry: " + e.getMessage());
                return 2; // a usage error: the search as typed cannot be run
            }
            Map<String, Object> pending = switchPending(s, m);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("hits", toJson(r.hits()));
                out.put("notice", r.noticeText());
                out.put("notice_kind", r.notice() == SearchResult.Notice.NONE ? null : r.notice().name().toLowerCase(Locale.ROOT));
                out.put("re_embed_pending", pending);
                System.out.println(Json.write(out));
            } else {
                print(r);
            }
        }
        return 0;
    }

    /**
     * A re-embed to another model under way (issue 11): dense scores still come from the matter's
     * complete model; say so on stderr, and in the JSON ({@code re_embed_pending}, null when none).
     */
    private static Map<String, Object> switchPending(MatterSession s, SearchService.Mode mode) {
        var pending = new dev.quarry.retrieval.ModelSwitch(s.matter()).pending();
        if (pending.isEmpty()) return null;
        if (mode != SearchService.Mode.KEYWORD) {
            System.err.println("Note: " + pending.get().describe() + "; dense scores use " + pending.get().from()
                    + " until it is done (quarry embed DIR resumes it).");
        }
        return pending.get().asJson();
    }

    /** Hits for a terminal: the notice first, matched words in «guillemets» (no HTML), a line when nothing matched. */
    private static void print(SearchResult r) {
        String notice = r.noticeText();
        if (r.hits().isEmpty()) {
            System.out.println(notice == null ? "No passages match." : notice);
            return;
        }
        if (notice != null) System.out.println(notice);
        for (SearchHit h : r.hits()) {
            System.out.printf("%2d. %.4f  %s%s p.%d%s [%d–%d]%n    %s%n", h.rank(), h.score(), h.fileName(),
                    h.originalName() == null ? "" : " (" + h.originalName() + ")", h.page(),
                    h.bates() == null ? "" : " " + h.bates(), h.startChar(), h.endChar(), passage(h));
        }
    }

    /** The snippet (or the text) on one line, at most about 200 characters, its highlights as «word». */
    static String passage(SearchHit h) {
        String text = h.snippet() != null ? h.snippet() : h.text();
        String flat = text.replace("<b>", "«").replace("</b>", "»").replaceAll("\\s+", " ").strip();
        int mark = flat.indexOf('«');
        if (mark > 120) {
            // Start near the first match, so the marked word is on the line the reviewer reads.
            int from = flat.lastIndexOf(' ', mark - 60);
            flat = "… " + flat.substring(from < 0 ? mark - 60 : from + 1);
        }
        if (flat.length() <= 200) return flat;
        int cut = flat.lastIndexOf(' ', 200);
        String head = flat.substring(0, cut > 150 ? cut : 200);
        // A cut inside a marked run closes it, so the reader never sees an opening mark without its end.
        if (head.lastIndexOf('«') > head.lastIndexOf('»')) head += "»";
        return head + " …";
    }

    static List<Map<String, Object>> toJson(List<SearchHit> hits) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SearchHit h : hits) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rank", h.rank());
            o.put("document_id", h.documentId());
            o.put("file_name", h.fileName());
            o.put("original_name", h.originalName());
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
