package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import returns a searchable matter; search prints hits whose offsets index the original file's characters. */
class SearchCommandTest {

    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(QuarryCli.run(args)).as("exit code of %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importThenSearchInEveryModeAndBatch(@TempDir Path tmp) throws Exception {
        Path files = Files.createDirectories(tmp.resolve("in"));
        String lease = "LEASE AGREEMENT\r\n\r\nThe tenant shall pay rent of $1,000 on the first day of each month.\r\n"
                + "The landlord shall keep the roof in good repair.\r\n";
        Files.writeString(files.resolve("lease.txt"), lease);
        Files.writeString(files.resolve("nda.txt"), "Confidential information shall not be disclosed to third parties.\n");
        Path dir = tmp.resolve("m");
        run("matter", "create", dir.toString());
        JsonNode imported = Json.MAPPER.readTree(run("import", dir.toString(), files.toString(), "--json", "--quiet"));
        assertThat(imported.get("embedding").get("status").asText()).isEqualTo("completed");
        assertThat(imported.get("embedding").get("embedded").asInt()).isEqualTo(2);

        for (String mode : new String[] {"hybrid", "dense", "keyword"}) {
            JsonNode result = Json.MAPPER.readTree(run("search", dir.toString(), "rent", "--mode", mode, "--top", "1", "--json"));
            assertThat(result.get("notice").isNull()).isTrue();
            JsonNode h = result.get("hits").get(0);
            assertThat(h.get("rank").asInt()).isEqualTo(1);
            assertThat(h.get("file_name").asText()).isEqualTo("lease.txt");
            assertThat(h.get("page").asInt()).isEqualTo(1);
            assertThat(lease.substring(h.get("start_char").asInt(), h.get("end_char").asInt())).isEqualTo(h.get("text").asText());
            assertThat(h.has("chunk_id") && h.has("document_id") && h.has("bates") && h.has("score")).isTrue();
        }

        Path batch = tmp.resolve("q.jsonl");
        Files.writeString(batch, "{\"id\": \"q1\", \"query\": \"secret information\"}\n{\"id\": 2, \"query\": \"roof repair\"}\n");
        String[] lines = run("search", dir.toString(), "--batch", batch.toString(), "--top", "1").strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(Json.MAPPER.readTree(lines[0]).get("id").asText()).isEqualTo("q1");
        assertThat(Json.MAPPER.readTree(lines[0]).get("hits").get(0).get("file_name").asText()).isEqualTo("nda.txt");
        assertThat(Json.MAPPER.readTree(lines[1]).get("hits").get(0).get("file_name").asText()).isEqualTo("lease.txt");
        // A batch line whose keywords cannot be read answers with its notice; the batch goes on.
        Files.writeString(batch, "{\"id\": 1, \"query\": \"roof AND (repair\"}\n{\"id\": 2, \"query\": \"roof repair\"}\n");
        String[] kw = run("search", dir.toString(), "--batch", batch.toString(), "--mode", "keyword", "--top", "1").strip().split("\n");
        assertThat(Json.MAPPER.readTree(kw[0]).get("notice").asText()).endsWith("could not be read: a parenthesis is not closed.");
        assertThat(Json.MAPPER.readTree(kw[0]).get("hits")).isEmpty();
        assertThat(Json.MAPPER.readTree(kw[1]).get("hits").get(0).get("file_name").asText()).isEqualTo("lease.txt");

        // bench search takes the queries from the named field, each distinct value once.
        Path tests = tmp.resolve("tests.json");
        Files.writeString(tests, """
                {"tests": [{"query": "When is the rent due?", "category": "Rent"},
                           {"query": "Who repairs the roof?", "category": "Repairs"},
                           {"query": "What is confidential?", "category": "Rent"}]}""");
        JsonNode bench = Json.MAPPER.readTree(run("bench", "search", dir.toString(), tests.toString(), "--query-field", "category",
                "--modes", "hybrid", "--warmup", "1", "--compare-query-threads", "1,2", "--compare", "overlap"));
        assertThat(bench.get("queries").asInt()).isEqualTo(2);
        assertThat(bench.get("hybrid").get("p95_ms").asDouble()).isPositive();
        assertThat(bench.get("query_threads_compared").has("threads_2")).isTrue();
        assertThat(bench.get("overlap_compared").get("overlapped_p95_ratio").asDouble()).isPositive();
        assertThat(QuarryCli.run("bench", "search", dir.toString(), tests.toString(), "--compare", "nope")).isNotZero();
        assertThat(QuarryCli.run("bench", "search", dir.toString(), tests.toString(), "--query-field", "nope")).isNotZero();
    }

    @Test
    void benchSearchWarmsUpOnOtherQueriesBeforeItRepeatsAMeasuredOne() {
        List<String> all = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "q" + i).toList();
        BenchCommand.Search.Picked p = BenchCommand.Search.pick(all, 5, 12);
        assertThat(p.measured()).containsExactly("q0", "q4", "q8", "q12", "q16");
        assertThat(p.warmup()).hasSize(12).doesNotHaveDuplicates().doesNotContainAnyElementsOf(p.measured())
                .startsWith("q2", "q6", "q10", "q14", "q18");
        // More warm-up than the file has other queries: all of those, then measured ones again.
        BenchCommand.Search.Picked more = BenchCommand.Search.pick(all, 5, 18);
        assertThat(more.warmup()).hasSize(18).containsAll(all.stream().filter(q -> !more.measured().contains(q)).toList());
    }

    @Test
    void plainOutputMarksMatchesWithoutTagsAndSaysWhatTheKeywordsDid(@TempDir Path tmp) throws Exception {
        Path files = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(files.resolve("msa.txt"), "Either party may terminate this agreement, and upon termination "
                + "any dispute about confidential information goes to arbitration in Geneva.\n");
        Path dir = tmp.resolve("m");
        run("matter", "create", dir.toString());
        run("import", dir.toString(), files.toString(), "--json", "--quiet");

        String plain = run("search", dir.toString(), "terminat* AND arbitrat*", "--mode", "keyword");
        assertThat(plain).doesNotContain("<b>", "</b>").contains("msa.txt").contains("«terminate»", "«termination»", "«arbitration»");

        String nothing = run("search", dir.toString(), "xylophon*", "--mode", "keyword");
        assertThat(nothing.strip()).isEqualTo("No passage contains these keywords.");
        String meaning = run("search", dir.toString(), "xylophon*", "--mode", "hybrid");
        assertThat(meaning.lines().findFirst().orElseThrow()).isEqualTo("No passage contains the keywords; these hits match by meaning only.");
        assertThat(meaning).contains("msa.txt");

        JsonNode json = Json.MAPPER.readTree(run("search", dir.toString(), "xylophon*", "--mode", "hybrid", "--json"));
        assertThat(json.get("notice").asText()).isEqualTo("No passage contains the keywords; these hits match by meaning only.");
        assertThat(json.get("notice_kind").asText()).isEqualTo("keywords_match_nothing");
        assertThat(json.get("hits").get(0).get("file_name").asText()).isEqualTo("msa.txt");
        JsonNode matched = Json.MAPPER.readTree(run("search", dir.toString(), "arbitrat*", "--mode", "keyword", "--json"));
        assertThat(matched.get("notice").isNull()).isTrue();
        assertThat(matched.get("hits").get(0).get("snippet").asText()).contains("<b>arbitration</b>");

        // Invalid syntax in keyword mode: one sentence, exit 2, nothing on standard output.
        CliTest.Run bad = CliTest.quarry("search", dir.toString(), "terminat* AND (arbitrat*", "--mode", "keyword");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().strip()).isEqualTo("quarry: The keyword search could not be read: a parenthesis is not closed.");
        // Hybrid searches its words and says so.
        CliTest.Run read = CliTest.quarry("search", dir.toString(), "terminat* AND (arbitrat*", "--mode", "hybrid");
        assertThat(read.code()).isZero();
        assertThat(read.out().lines().findFirst().orElseThrow()).startsWith("The keywords could not be read as search syntax (a parenthesis is not closed)");
    }

    @Test
    void aLongPassageIsShownAroundItsFirstMatchOnOneLine() {
        String snippet = "word ".repeat(60) + "the <b>termination</b> fee\n is due " + "later ".repeat(40);
        String line = SearchCommand.passage(new dev.quarry.retrieval.SearchHit(1, 1, 1, "a.txt", 1, null, 0, 10, 1.0,
                null, null, 1.0, 1, "text", snippet));
        assertThat(line).contains("«termination» fee is due").doesNotContain("<b>", "\n").startsWith("… ").endsWith(" …");
        assertThat(line.length()).isLessThan(210);
    }
}
