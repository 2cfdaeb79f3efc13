package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V005 gives documents an original_name column and fills it, for load-file documents imported before,
 * from the FILENAME-like field their metadata kept; other documents stay without one.
 */
class OriginalNameMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void documentsImportedBeforeVersion5GetTheirOriginalNameFromTheirMetadata() {
        Path dir = tmp.resolve("old");
        try (Matter m = Matter.create(dir, "old", null, null)) {
            // Turn the new matter back into a version-4 one holding what an older Quarry stored.
            m.db().withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("ALTER TABLE documents DROP COLUMN original_name");
                    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"script\" LIKE 'V005%'");
                    s.executeUpdate("INSERT INTO productions (id, name, kind, created_at) VALUES (1, 'VOL001', 'load_file', CURRENT_TIMESTAMP)");
                    s.executeUpdate("INSERT INTO productions (id, name, kind, created_at) VALUES (2, 'loose', 'files', CURRENT_TIMESTAMP)");
                    insert(s, 1, "SSC0000001.txt", 1, "{\"BEGBATES\":\"SSC0000001\",\"FILENAME\":\"Upjohn \\\"Supply\\\" Agreement.txt\"}");
                    insert(s, 2, "GHH0000001.txt", 1, "{\"Original File Name\":\"M\u00fcller memo.docx\",\"CUSTODIAN\":\"X\"}");
                    insert(s, 3, "SSC0000077.txt", 1, "{\"BEGBATES\":\"SSC0000077\"}");
                    insert(s, 4, "notes.txt", 2, "{\"FILENAME\":\"not a production field\"}");
                }
                return null;
            });
        }
        try (Matter m = Matter.open(dir, null)) {
            List<String> names = new DocumentRepository(m.db()).listAll().stream().map(DocumentSummary::originalName).toList();
            assertThat(names).containsExactly("Upjohn \"Supply\" Agreement.txt", "M\u00fcller memo.docx", null, null);
        }
    }

    private static void insert(Statement s, long id, String name, long production, String metadata) throws java.sql.SQLException {
        s.executeUpdate("INSERT INTO documents (id, sha256, file_name, size_bytes, production_id, status, metadata, created_at, "
                + "updated_at) VALUES (" + id + ", LPAD('" + id + "', 64, '0'), '" + name + "', 1, " + production
                + ", 'completed', '" + metadata.replace("'", "''") + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }
}
