package dev.quarry.evidence;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.retrieval.ModelManifest;
import dev.quarry.retrieval.Retrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real matter (H2 on disk, the real embedding model, both indexes) with generated contracts: one chunk per page. */
final class EvidenceFixture implements AutoCloseable {
    final Matter matter;
    final Retrieval retrieval;

    EvidenceFixture(Path dir) {
        matter = Matter.create(dir.resolve("matter"), "evidence-test", null, ModelManifest.DEFAULT_ID);
        retrieval = new Retrieval(matter, ModelManifest.load(ModelManifest.DEFAULT_ID));
    }

    long add(String fileName, String... pageTexts) {
        return dev.quarry.retrieval.TestMatters.addDocument(matter, fileName, null, null, pageTexts);
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
