package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatterTest {
    @TempDir Path tmp;

    @Test
    void createsAndReopensAPlainMatter() {
        Path dir = tmp.resolve("acme");
        try (Matter m = Matter.create(dir, "Acme v. Widget", null, null)) {
            assertThat(m.name()).isEqualTo("Acme v. Widget");
            assertThat(m.encrypted()).isFalse();
            assertThat(m.settings().get(Settings.EMBEDDING_MODEL)).isEqualTo("bge-small-en-v1.5-q");
        }
        assertThat(Matter.isMatter(dir)).isTrue();
        assertThat(Matter.isEncrypted(dir)).isFalse();
        try (Matter m = Matter.open(dir, null)) {
            assertThat(m.name()).isEqualTo("Acme v. Widget");
            assertThat(m.audit().list("matter.", 10, 0)).extracting(AuditLog.Event::type).contains("matter.created");
        }
        // Closing cleanly leaves nothing for H2 to complain about in a trace file.
        Path trace = dir.resolve("quarry.trace.db");
        assertThat(trace).as(() -> readQuietly(trace)).doesNotExist();
    }

    @Test
    void encryptedMatterNeedsTheRightPasswordAndKeepsNoPlaintextOnDisk() throws Exception {
        Path dir = tmp.resolve("secret");
        try (Matter m = Matter.create(dir, "Secret matter", "correct horse".toCharArray(), null)) {
            m.settings().put("probe", "PRIVILEGED-MARKER-12345");
        }
        assertThat(Matter.isEncrypted(dir)).isTrue();
        byte[] raw = Files.readAllBytes(dir.resolve("quarry.mv.db"));
        assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("PRIVILEGED-MARKER");

        assertThatThrownBy(() -> Matter.open(dir, null)).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> Matter.open(dir, "wrong".toCharArray()))
                .isInstanceOf(QuarryException.class)
                .hasMessage("The password is not right for this matter.");
        try (Matter m = Matter.open(dir, "correct horse".toCharArray())) {
            assertThat(m.settings().get("probe")).isEqualTo("PRIVILEGED-MARKER-12345");
        }
    }

    @Test
    void refusesANonEmptyFolderAndAFolderThatIsNoMatter() throws Exception {
        Files.writeString(tmp.resolve("note.txt"), "hello");
        assertThatThrownBy(() -> Matter.create(tmp, "x", null, null))
                .isInstanceOf(QuarryException.class).hasMessageContaining("is not empty");
        assertThatThrownBy(() -> Matter.open(tmp, null))
                .isInstanceOf(QuarryException.class).hasMessageContaining("is not a Quarry matter");
    }

    @Test
    void aMatterOpenElsewhereSaysSo() {
        Path dir = tmp.resolve("busy");
        try (Matter first = Matter.create(dir, "busy", null, null)) {
            assertThatThrownBy(() -> Matter.open(dir, null))
                    .isInstanceOf(QuarryException.class)
                    .hasMessageContaining("open in another Quarry");
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithAClearSentence() throws Exception {
        Path dir = tmp.resolve("future");
        try (Matter m = Matter.create(dir, "future", null, null)) {
            m.db().withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", "
                            + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                            + "VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> Matter.open(dir, null))
                .isInstanceOf(QuarryException.class)
                .hasMessageContaining("newer version of Quarry");
    }

    @Test
    void aDamagedDatabaseFileSaysSo() throws Exception {
        Path dir = tmp.resolve("damaged");
        try (Matter m = Matter.create(dir, "damaged", null, null)) {
            m.settings().put("x", "y");
        }
        Path file = dir.resolve("quarry.mv.db");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[(int) Math.min(f.length(), 64 * 1024)];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            f.seek(0);
            f.write(junk);
        }
        assertThatThrownBy(() -> Matter.open(dir, null))
                .isInstanceOf(QuarryException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void schemaHasTheTablesTheIssueNames() {
        try (Matter m = Matter.create(tmp.resolve("schema"), "s", null, null)) {
            java.util.List<String> tables = m.db().withConnection(c -> {
                java.util.List<String> out = new java.util.ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                    while (rs.next()) out.add(rs.getString("TABLE_NAME").toLowerCase());
                }
                return out;
            });
            assertThat(tables).contains("matter_settings", "productions", "documents", "document_sources", "pages",
                    "chunks", "jobs", "job_items", "audit_events");
        }
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Encrypted matters made before format 2 (only the database encrypted) open as they did, files in the clear. */
    @Test
    void aFormatOneEncryptedMatterStillOpensWithItsPassword() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        char[] pw = "old secret".toCharArray();
        Database.create(dir, pw).close();
        Files.writeString(dir.resolve(Matter.DESCRIPTOR),
                "{\"format\": 1, \"id\": \"old\", \"encrypted\": true, \"created_at\": \"2026-11-30T10:00:00Z\"}");
        assertThatThrownBy(() -> Matter.open(dir, "wrong".toCharArray())).isInstanceOf(WrongPasswordException.class);
        try (Matter m = Matter.open(dir, pw)) {
            assertThat(m.encrypted()).isTrue();
            assertThat(m.filesEncrypted()).isFalse();
            assertThat(m.indexCipher()).isNull();
            String sha = m.blobs().put(new java.io.ByteArrayInputStream("exhibit".getBytes()));
            assertThat(m.blobs().path(sha)).hasContent("exhibit");
        }
    }

    @Test
    void aNewEncryptedMatterIsFormatTwoAndStoresItsOriginalsEncrypted() throws Exception {
        Path dir = tmp.resolve("new");
        try (Matter m = Matter.create(dir, "new", "pw".toCharArray(), null)) {
            assertThat(m.filesEncrypted()).isTrue();
            String sha = m.blobs().put(new java.io.ByteArrayInputStream("exhibit A, privileged".getBytes()));
            assertThat(m.blobs().path(sha).getFileName().toString()).isNotEqualTo(sha);
            assertThat(Files.readString(m.blobs().path(sha), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("exhibit");
            assertThat(m.blobs().size(sha)).isEqualTo("exhibit A, privileged".length());
            try (BlobStore.Opened o = m.blobs().open(sha)) {
                assertThat(Files.readString(o.path())).isEqualTo("exhibit A, privileged");
            }
        }
        assertThat(Files.readString(dir.resolve(Matter.DESCRIPTOR))).contains("\"format\" : 2");
    }
}
