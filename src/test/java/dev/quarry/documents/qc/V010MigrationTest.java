package dev.quarry.documents.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Matter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V010: one report per production, replaced whole; findings keep their order; kinds are checked by the database. */
class V010MigrationTest {
    @TempDir
    Path tmp;

    @Test
    void reportsAreStoredReplacedAndConstrained() throws Exception {
        try (Matter m = Matter.create(tmp.resolve("m"), "t", null, null)) {
            long id = m.db().withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO productions (name, kind, created_at) VALUES ('P', 'load_file', CURRENT_TIMESTAMP)",
                        java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            QcRepository repo = new QcRepository(m.db());
            assertThat(repo.load(id)).isEmpty();
            List<QcFinding> findings = List.of(new QcFinding(QcKind.SLIP_SHEET, "A1", null, "b"),
                    new QcFinding(QcKind.BATES_GAP, "A2", "A9", "a"), new QcFinding(QcKind.BLANK_FIELD, null, null, "c"));
            repo.save(new QcReport(id, "P", 3, 10, Instant.parse("2026-12-04T10:00:00Z"), findings));
            QcReport back = repo.load(id).orElseThrow();
            assertThat(back.findings()).isEqualTo(List.of(new QcFinding(QcKind.SLIP_SHEET, "A1", "A1", "b"),
                    new QcFinding(QcKind.BATES_GAP, "A2", "A9", "a"), new QcFinding(QcKind.BLANK_FIELD, null, null, "c")));
            assertThat(back.checkedAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
            repo.save(new QcReport(id, "P", 3, 10, Instant.parse("2026-12-05T10:00:00Z"), List.of()));
            assertThat(repo.load(id).orElseThrow().findings()).isEmpty();
            assertThatThrownBy(() -> m.db().withConnection(c -> c.createStatement().executeUpdate(
                    "INSERT INTO production_findings (production_id, seq, kind, detail) VALUES (" + id + ", 9, 'typo', 'x')")))
                    .isInstanceOf(dev.quarry.core.QuarryException.class);
            m.db().withConnection(c -> c.createStatement().executeUpdate("DELETE FROM productions WHERE id = " + id));
            assertThat(repo.load(id)).isEmpty();
            int left = m.db().withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM production_checks")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(left).isZero();
        }
    }
}
