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
        assertThat(imported.code()).isZero();
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
}
