package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process: create, import, list. */
class CliTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) {}

    static synchronized Run quarry(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = QuarryCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void createImportAndListAsJson() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("lease.txt"), "The Tenant shall pay rent monthly. The Landlord shall repair the roof.\n\nLEASE000017\n");
        Files.writeString(in.resolve("empty.txt"), "");
        Path matter = tmp.resolve("m");

        Run created = quarry("matter", "create", matter.toString(), "--name", "Lease review", "--json");
        assertThat(created.code()).isZero();
        assertThat(Json.MAPPER.readTree(created.out()).get("name").asText()).isEqualTo("Lease review");

        Run imported = quarry("import", matter.toString(), in.toString(), "--json");
        assertThat(imported.code()).as("an empty file is not read: exit 1").isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(imported.out());
        assertThat(report.get("jobs").get(0).get("status").asText()).isEqualTo("completed");
        assertThat(imported.err()).contains("2/2 files");

        Run docs = quarry("docs", matter.toString(), "--json");
        assertThat(docs.code()).isZero();
        JsonNode list = Json.MAPPER.readTree(docs.out());
        assertThat(list).hasSize(2);
        JsonNode lease = list.get(0).get("file_name").asText().equals("lease.txt") ? list.get(0) : list.get(1);
        assertThat(lease.get("status").asText()).isEqualTo("completed");
        assertThat(lease.get("pages").asInt()).isEqualTo(1);
        assertThat(lease.get("chunks").asInt()).isPositive();
        assertThat(lease.get("bates_begin").asText()).isEqualTo("LEASE000017");
        assertThat(lease.get("sha256").asText()).hasSize(64);
        for (String field : new String[] {"id", "file_name", "status", "error", "pages", "chunks", "bates_begin", "bates_end", "sha256"}) {
            assertThat(lease.has(field)).as(field).isTrue();
        }
        JsonNode empty = list.get(0) == lease ? list.get(1) : list.get(0);
        assertThat(empty.get("status").asText()).isEqualTo("failed");
        assertThat(empty.get("error").asText()).isEqualTo("The file is empty.");
    }

    @Test
    void anEncryptedMatterWithoutAPasswordGivesOneSentence() {
        Path matter = tmp.resolve("enc");
        // The password comes from an environment variable; PATH is always set, so use it as the secret.
        assertThat(quarry("matter", "create", matter.toString(), "--password-env", "PATH").code()).isZero();
        Run docs = quarry("docs", matter.toString(), "--json");
        assertThat(docs.code()).isEqualTo(1);
        assertThat(docs.err().strip()).isEqualTo("quarry: This matter is encrypted; pass --password-env VAR with the password in VAR.");
        Run wrong = quarry("docs", matter.toString(), "--json", "--password-env", "HOME");
        assertThat(wrong.err().strip()).isEqualTo("quarry: The password is not right for this matter.");
        assertThat(quarry("docs", matter.toString(), "--json", "--password-env", "PATH").code()).isZero();
    }

    @Test
    void missingInputIsAClearError() {
        Path matter = tmp.resolve("m2");
        quarry("matter", "create", matter.toString());
        Run r = quarry("import", matter.toString(), tmp.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("There is no file or folder");
    }

    /**
     * Issue 11: the summary counts this import's files by end state, names each one not completed with
     * its reason and each duplicate with the document it copies, never prints a raw map, matches the
     * audit event, and the exit code says whether everything was read (0) or not (1).
     */
    @Test
    void theImportSummaryTellsTheTruthAndTheExitCodeFollows() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("court"));
        Files.writeString(in.resolve("order.txt"), "The motion to dismiss is denied. The parties shall confer.\n");
        Files.writeString(in.resolve("empty-1.txt"), "");
        Files.writeString(in.resolve("empty-2.txt"), "");
        Files.write(in.resolve("scan.bin"), new byte[] {1, 2, 3});
        Path matter = tmp.resolve("m");
        quarry("matter", "create", matter.toString());

        Run json = quarry("import", matter.toString(), in.toString(), "--json", "--keyword-only");
        assertThat(json.code()).isEqualTo(1);
        JsonNode out = Json.MAPPER.readTree(json.out());
        JsonNode job = out.get("jobs").get(0);
        assertThat(job.get("files").asInt()).isEqualTo(4);
        assertThat(job.get("documents").get("completed").asInt()).isEqualTo(1);
        assertThat(job.get("documents").get("failed").asInt()).isEqualTo(3);
        assertThat(job.get("documents").get("duplicate").asInt()).isZero();
        assertThat(out.get("documents").get("failed").asInt()).isEqualTo(3);
        assertThat(out.get("all_completed").asBoolean()).isFalse();
        assertThat(out.get("exit_code").asInt()).isEqualTo(1);
        assertThat(job.get("not_completed")).hasSize(3);
        java.util.Map<String, String> reasons = new java.util.TreeMap<>();
        job.get("not_completed").forEach(n -> reasons.put(n.get("file_name").asText(), n.get("reason").asText()));
        assertThat(reasons).containsOnly(java.util.Map.entry("empty-1.txt", "The file is empty."),
                java.util.Map.entry("empty-2.txt", "The file is empty."),
                java.util.Map.entry("scan.bin", "Quarry does not read .bin files."));
        job.get("not_completed").forEach(n -> assertThat(n.get("document_id").isNumber()).isTrue());

        // The audit event counts the same.
        JsonNode audit = Json.MAPPER.readTree(quarry("audit", matter.toString(), "--json").out());
        JsonNode event = null;
        for (JsonNode e : audit) if (e.get("type").asText().equals("import.completed")) event = e;
        assertThat(event).isNotNull();
        assertThat(event.get("details").get("failed").asInt()).isEqualTo(3);
        assertThat(event.get("details").get("completed").asInt()).isEqualTo(1);

        // A copy of a completed document only: read, exit 0, and said to be a duplicate of that document.
        Path again = Files.createDirectories(tmp.resolve("again"));
        Files.writeString(again.resolve("order-copy.txt"), Files.readString(in.resolve("order.txt")));
        Run plain = quarry("import", matter.toString(), again.toString(), "--keyword-only");
        assertThat(plain.code()).as(plain.out()).isZero();
        long orderId = 0;
        for (JsonNode d : Json.MAPPER.readTree(quarry("docs", matter.toString(), "--json").out())) {
            if (d.get("file_name").asText().equals("order.txt")) orderId = d.get("id").asLong();
        }
        assertThat(plain.out()).contains("again/order-copy.txt: duplicate of #" + orderId + " order.txt")
                .contains("0 completed, 1 duplicate").doesNotContain("{").doesNotContain("=");

        // The first folder once more in plain text: the failed copies are named with their reasons.
        Run third = quarry("import", matter.toString(), in.toString(), "--keyword-only");
        assertThat(third.code()).isEqualTo(1);
        assertThat(third.out()).contains("0 completed, 4 duplicates")
                .contains("court/empty-1.txt: duplicate of #").contains("empty-1.txt (failed: The file is empty.)")
                .contains("court/scan.bin: duplicate of #").contains("(failed: Quarry does not read .bin files.)")
                .contains("3 of 4 files were not read (exit code 1).").doesNotContain("COMPLETED=");

        assertThat(quarry("import", "--help").out()).contains("Exit codes:").contains("3   cancelled");
    }
}
