package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V007 on a matter made by an older Quarry: the unique SHA-256 becomes unique non-empty content (every
 * empty file its own document), and items already stored learn whether they were duplicates.
 */
class V007MigrationTest {
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String A = "a".repeat(64);

    @TempDir Path tmp;

    @Test
    void emptyContentStopsBeingUniqueAndOldDuplicatesAreMarked() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + tmp.resolve(Database.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("quarry");
        ds.setPassword("");
        // The schema as a matter made before V007 has it (V004; V005 and V006 run after these rows too).
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("4").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO documents (id, sha256, file_name, size_bytes, status, error, created_at, updated_at) "
                    + "VALUES (1, '" + A + "', 'a.txt', 10, 'completed', NULL, NOW(), NOW()), "
                    + "(2, '" + EMPTY + "', 'empty.txt', 0, 'failed', 'The file is empty.', NOW(), NOW())");
            s.executeUpdate("ALTER TABLE documents ALTER COLUMN id RESTART WITH 100");
            s.executeUpdate("INSERT INTO jobs (id, kind, status, created_at) VALUES (1, 'import', 'completed', NOW())");
            s.executeUpdate("INSERT INTO job_items (id, job_id, source_path, file_path, file_name, status, document_id) VALUES "
                    + "(1, 1, '/p/a.txt', '/p/a.txt', 'a.txt', 'done', 1), "
                    + "(2, 1, '/p/copy/a.txt', '/p/copy/a.txt', 'a.txt', 'done', 1), "
                    + "(3, 1, '/p/empty.txt', '/p/empty.txt', 'empty.txt', 'done', 2), "
                    + "(4, 1, '/p/gone.txt', '/p/gone.txt', 'gone.txt', 'failed', NULL)");
            // Sources in the order the writer stored them: the creating item's first.
            s.executeUpdate("INSERT INTO document_sources (document_id, job_id, source_path, created_at) VALUES "
                    + "(1, 1, '/p/a.txt', NOW()), (2, 1, '/p/empty.txt', NOW()), (1, 1, '/p/copy/a.txt', NOW())");
        }

        try (Database db = Database.open(tmp, null)) {
            db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT id, duplicate FROM job_items ORDER BY id")) {
                    boolean[] expected = {false, true, false, false};
                    for (boolean e : expected) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getBoolean(2)).as("item %d duplicate", rs.getLong(1)).isEqualTo(e);
                    }
                }
                // Two more empty files: each its own document.
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO documents (sha256, file_name, size_bytes, status, error, created_at, updated_at) "
                            + "VALUES ('" + EMPTY + "', 'b.pdf', 0, 'failed', 'The file is empty.', NOW(), NOW()), "
                            + "('" + EMPTY + "', 'c.pdf', 0, 'failed', 'The file is empty.', NOW(), NOW())");
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM documents WHERE sha256 = '" + EMPTY + "'")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(3);
                    }
                }
                // Non-empty content stays unique.
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO documents (sha256, file_name, size_bytes, status, created_at, updated_at) "
                                + "VALUES ('" + A + "', 'again.txt', 10, 'completed', NOW(), NOW())");
                    }
                }).isInstanceOf(SQLException.class).hasMessageContaining("UQ_DOCUMENTS_CONTENT");
                return null;
            });
        }
    }
}
