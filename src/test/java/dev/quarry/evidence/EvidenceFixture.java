package dev.quarry.evidence;

import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.chunk.ChunkSpec;
import dev.quarry.retrieval.ModelManifest;
import dev.quarry.retrieval.Retrieval;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real matter (H2 on disk, the real embedding model, both indexes) with generated contracts: one chunk per page. */
final class EvidenceFixture implements AutoCloseable {
    final Matter matter;
    final Retrieval retrieval;

    EvidenceFixture(Path dir) {
        matter = Matter.create(dir.resolve("matter"), "evidence-test", null, ModelManifest.DEFAULT_ID);
        retrieval = new Retrieval(matter, ModelManifest.load(ModelManifest.DEFAULT_ID));
    }

    long add(String fileName, String... pageTexts) {
        DocumentRepository docs = new DocumentRepository(matter.db());
        return matter.db().inTransaction(c -> {
            String all = String.join("\f", pageTexts);
            long id = docs.insert(c, new DocumentRepository.NewDocument(Hashing.sha256(fileName + all), fileName,
                    "text/plain", all.length(), null, null, DocumentStatus.COMPLETED, null, pageTexts.length,
                    pageTexts.length, all.length(), "en", false, null, null, null, null, null,
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

    void searchable() {
        retrieval.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
    }

    /** A generated contract: a preamble with its date, filler clauses, and the clauses asked for. */
    static String[] contract(String parties, String date, String governingLaw, boolean nonCompete, String... more) {
        List<String> pages = new ArrayList<>();
        pages.add("SUPPLY AGREEMENT. This Supply Agreement is made and entered into as of " + date + " by and between " + parties
                + ". The parties agree as follows.");
        pages.add("1. Products. The Supplier shall manufacture and deliver the Products described in Exhibit A. "
                + "Prices are set out in Exhibit B and are payable within thirty (30) days of invoice.");
        pages.add("2. Quality. The Supplier warrants that the Products will be free from defects in materials and workmanship.");
        if (nonCompete) {
            pages.add("3. Non-Competition. During the term and for two (2) years thereafter, the Distributor shall not, directly or "
                    + "indirectly, manufacture, sell or promote any product that competes with the Products in the Territory.");
        } else {
            pages.add("3. Marketing. The Distributor shall use reasonable efforts to promote the Products in the Territory.");
        }
        pages.addAll(List.of(more));
        if (governingLaw != null) {
            pages.add("9. Governing Law. This Agreement shall be governed by and construed in accordance with the laws of "
                    + governingLaw + ", without regard to its conflict of laws principles.");
        } else {
            pages.add("9. Notices. All notices shall be in writing and delivered by hand or by courier to the addresses above.");
        }
        return pages.toArray(String[]::new);
    }

    @Override
    public void close() {
        retrieval.close();
        matter.close();
    }
}
