package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Database;
import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ocr.PageImages;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V009 adds the OCR work list to pages. A scan imported before Quarry had OCR (a version-7 matter) keeps its
 * pages as they were, with no OCR state, until `import --retry` reads them.
 */
class OcrMigrationTest {
    @TempDir Path tmp;

    @Test
    void aScanImportedBeforeOcrIsReadByRetry() throws Exception {
        Path pdf = tmp.resolve("scan.pdf");
        PageImages.writeImagePdf(pdf, List.of(PageImages.page(List.of("Imported before Quarry could read scans."))));
        String sha = Hashing.sha256(pdf);
        Path dir = tmp.resolve("old");
        try (Matter m = Matter.create(dir, "old", null, null)) {
            // Only the folder is wanted: its database is made again below as an older Quarry left it.
        }
        Files.delete(dir.resolve(Database.FILE_NAME + ".mv.db"));
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(Database.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("quarry");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("7").load().migrate();
        try (java.sql.Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO productions (id, name, kind, created_at) VALUES (1, 'scans', 'files', CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO documents (id, sha256, file_name, media_type, size_bytes, production_id, status, "
                    + "error, page_count, ocr_needed, created_at, updated_at) VALUES (1, '" + sha + "', 'scan.pdf', "
                    + "'application/pdf', " + Files.size(pdf) + ", 1, 'needs_ocr', 'The PDF has no text layer (scanned images); it needs OCR.', "
                    + "1, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO pages (document_id, page_number, start_char, text, image_only) VALUES (1, 1, 0, '', TRUE)");
            s.executeUpdate("INSERT INTO document_sources (document_id, production_id, source_path, created_at) "
                    + "VALUES (1, 1, '" + pdf + "', CURRENT_TIMESTAMP)");
        }
        try (Matter m = Matter.open(dir, null)) {
            assertThat(m.blobs().put(pdf)).isEqualTo(sha);
            DocumentRepository docs = new DocumentRepository(m.db());
            assertThat(docs.ocrPages(1)).singleElement().satisfies(p -> {
                assertThat(p.state()).isNull();
                assertThat(p.lowConfidence()).isFalse();
            });
            ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 1);
            // An import of other files leaves it alone: nothing of it is pending.
            assertThat(new OcrStore(m.db()).countPending()).isZero();
            ImportService.Report r = svc.run(svc.planRetry(), p -> {}, new CancelToken());
            assertThat(r.ocr().pagesRead()).isEqualTo(1);
            DocumentSummary d = docs.find(1).orElseThrow();
            assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(d.error()).isNull();
            assertThat(docs.fullText(1)).contains("Imported before Quarry could read scans.");
            assertThat(docs.chunks(1)).hasSize(1);
        }
    }
}
