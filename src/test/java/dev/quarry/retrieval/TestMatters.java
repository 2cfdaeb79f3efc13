package dev.quarry.retrieval;

import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.chunk.ChunkSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds small matters for retrieval tests: one page per chunk text, stored the way ImportService stores them. */
public final class TestMatters {
    private TestMatters() {}

    static Matter create(Path dir) {
        return Matter.create(dir.resolve("matter"), "test", null, ModelManifest.DEFAULT_ID);
    }

    /** Adds a completed document whose page i holds chunk i; returns the document id. */
    public static long addDocument(Matter m, String fileName, String custodian, String bates, String... pageTexts) {
        DocumentRepository docs = new DocumentRepository(m.db());
        return m.db().inTransaction(c -> {
            String all = String.join("\f", pageTexts);
            long id = docs.insert(c, new DocumentRepository.NewDocument(Hashing.sha256(fileName + all), fileName,
                    "text/plain", all.length(), null, null, DocumentStatus.COMPLETED, null, pageTexts.length,
                    pageTexts.length, all.length(), "en", false, bates, bates, custodian, null, null,
                    Instant.parse("2020-01-15T00:00:00Z"), Map.of()));
            List<ParsedPage> pages = new ArrayList<>();
            List<ChunkSpec> chunks = new ArrayList<>();
            for (int i = 0; i < pageTexts.length; i++) {
                pages.add(ParsedPage.text(i + 1, pageTexts[i]));
                chunks.add(new ChunkSpec(i + 1, 0, pageTexts[i].length(), pageTexts[i], pageTexts[i].split("\\s+").length));
            }
            long[] starts = docs.insertPages(c, id, pages);
            docs.insertChunks(c, id, chunks, pages, starts);
            return id;
        });
    }

    static void deleteDocument(Matter m, long id) {
        m.db().withConnection(c -> c.createStatement().executeUpdate("DELETE FROM documents WHERE id = " + id));
    }
}
