package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.MatterSession;
import dev.quarry.app.Matters;
import dev.quarry.core.Json;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only commands while the app has the matter open: this JVM holds an encrypted matter as the app
 * does (session, keyword index writer, vector index, a running import job, a temporary file of that
 * import), and a second, real {@code quarry} process runs docs, search, history, audit and matter info.
 * They answer, and change nothing the owner keeps beside the database; a command that writes is refused.
 */
class SharedMatterTest {
    @TempDir Path tmp;
    static final String PASSWORD = "correct horse battery staple";

    record Child(int code, String out, String err) {}

    private Child quarry(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.models=" + System.getProperty("quarry.models"), "-Dquarry.home=" + tmp.resolve("home"),
                "dev.quarry.Main"));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out-" + System.nanoTime()), err = tmp.resolve("err-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("QUARRY_TEST_PW", PASSWORD);
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("quarry %s finished", String.join(" ", args)).isTrue();
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Every file beside the database, with its size and modification time: what a guest must leave alone. */
    private static Map<String, String> besideTheDatabase(Path matter) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path root : new Path[] {matter.resolve("index"), matter.resolve("files")}) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(matter.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return out;
    }

    @Test
    void readOnlyCommandsWorkWhileTheAppHasTheMatterOpenAndChangeNothing() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("lease.txt"), "The Tenant shall pay rent monthly. The Landlord shall repair the roof.\n");
        Path dir = tmp.resolve("matter");
        char[] pw = PASSWORD.toCharArray();
        new Matters().create(dir, "Shared", pw, null).close();
        try (MatterSession s = new Matters().open(dir, pw)) {
            s.imports().run(s.imports().plan(List.of(in), null), p -> {}, new dev.quarry.core.jobs.CancelToken());
            s.retrieval().makeSearchable(() -> false, p -> {}, new dev.quarry.core.jobs.CancelToken());
        }

        // The app: matter open, both indexes loaded (the keyword writer holds write.lock), an import running.
        try (MatterSession app = new Matters().open(dir, pw)) {
            assertThat(app.matter().guest()).isFalse();
            app.retrieval().vectors();
            JobRepository jobs = new JobRepository(app.matter().db());
            long running = jobs.create("import", "{}", null);
            jobs.markRunning(running);
            Path incoming = Files.writeString(dir.resolve("files").resolve("incoming-123.tmp"), "half a file");
            Map<String, String> before = besideTheDatabase(dir);
            // The owner serves the database to other processes on loopback only.
            java.util.Properties lock = new java.util.Properties();
            try (var r = Files.newBufferedReader(dir.resolve("quarry.lock.db"))) {
                lock.load(r);
            }
            assertThat(lock.getProperty("server")).startsWith("localhost:");

            Child docs = quarry("docs", dir.toString(), "--json", "--password-env", "QUARRY_TEST_PW");
            assertThat(docs.code()).as(docs.err()).isZero();
            assertThat(Json.MAPPER.readTree(docs.out()).get(0).get("file_name").asText()).isEqualTo("lease.txt");

            for (String mode : new String[] {"keyword", "hybrid"}) {
                Child search = quarry("search", dir.toString(), "rent", "--mode", mode, "--json", "--password-env", "QUARRY_TEST_PW");
                assertThat(search.code()).as(search.err()).isZero();
                JsonNode hits = Json.MAPPER.readTree(search.out()).get("hits");
                assertThat(hits).as(mode).isNotEmpty();
                assertThat(hits.get(0).get("file_name").asText()).isEqualTo("lease.txt");
            }

            Child history = quarry("history", dir.toString(), "--json", "--password-env", "QUARRY_TEST_PW");
            assertThat(history.code()).as(history.err()).isZero();
            assertThat(Json.MAPPER.readTree(history.out()).get("total").asInt()).isZero();
            Child audit = quarry("audit", dir.toString(), "--json", "--password-env", "QUARRY_TEST_PW");
            assertThat(audit.code()).as(audit.err()).isZero();
            assertThat(audit.out()).contains("matter.created");
            Child info = quarry("matter", "info", dir.toString(), "--json", "--password-env", "QUARRY_TEST_PW");
            assertThat(info.code()).as(info.err()).isZero();
            assertThat(Json.MAPPER.readTree(info.out()).get("encrypted").asBoolean()).isTrue();

            Child wrong = quarry("docs", dir.toString(), "--password-env", "HOME");
            assertThat(wrong.code()).as("a wrong password is a usage error (docs/adr/0009-encrypted-matters.md)").isEqualTo(2);
            assertThat(wrong.err().strip()).isEqualTo("quarry: The password is not right for this matter.");

            // A command that changes the matter is refused while the app has it, in one sentence.
            Child imp = quarry("import", dir.toString(), in.toString(), "--password-env", "QUARRY_TEST_PW", "--quiet");
            assertThat(imp.code()).isEqualTo(1);
            assertThat(imp.err().strip()).isEqualTo("quarry: This matter is open in another Quarry window or process; close it there first.");

            // Nothing the owner keeps was touched: the running job, the import's temporary file, both indexes.
            assertThat(jobs.find(running).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(incoming).exists();
            assertThat(besideTheDatabase(dir)).isEqualTo(before);
            // And the app goes on working: its database is still open (a guest's close did not shut it down).
            assertThat(app.retrieval().search("roof", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE)).isNotEmpty();
            app.matter().settings().put(Settings.NAME, "Still open");
            Files.delete(incoming);

            // A backup copied while the app has the matter open holds the original's lock file, which names the
            // original's server; opening the copy must open the copy, not reach the original through that server.
            app.matter().db().withConnection(c -> c.createStatement().execute("CHECKPOINT SYNC"));
            Path copy = tmp.resolve("copy");
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    Path to = copy.resolve(dir.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
                }
            }
            assertThat(copy.resolve("quarry.lock.db")).exists();
            app.matter().settings().put(Settings.NAME, "Changed after the copy");
            try (dev.quarry.core.Matter backup = dev.quarry.core.Matter.openForReading(copy, pw)) {
                assertThat(backup.guest()).isFalse();
                assertThat(backup.name()).isEqualTo("Still open");
            }
            app.matter().settings().put(Settings.NAME, "Still open");
        }
        // Closed by the owner, the matter opens as usual, with the schema as it was.
        try (MatterSession again = new Matters().open(dir, pw)) {
            assertThat(again.matter().name()).isEqualTo("Still open");
        }
    }
}
