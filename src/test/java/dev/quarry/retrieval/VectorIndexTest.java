package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index over stored vectors; the vectors are random unit vectors because the test is about the index. */
class VectorIndexTest {
    static final String MODEL = ModelManifest.DEFAULT_ID;

    static float[] random(Random r) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return Vectors.normalize(v);
    }

    /** Adds a document per vector, each with one chunk, and stores the vectors; returns the chunk ids' vectors. */
    static List<float[]> store(Matter m, int docs, long seed) {
        Random r = new Random(seed);
        EmbeddingRepository repo = new EmbeddingRepository(m.db());
        List<float[]> out = new ArrayList<>();
        List<EmbeddingRepository.NewVector> batch = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            long doc = TestMatters.addDocument(m, "d" + seed + "-" + i + ".txt", null, null, "text " + seed + " " + i);
            long chunk = new dev.quarry.documents.DocumentRepository(m.db()).chunks(doc).get(0).id();
            float[] v = random(r);
            out.add(v);
            batch.add(new EmbeddingRepository.NewVector(chunk, Hashing.sha256("text " + seed + " " + i), v));
        }
        repo.insert(MODEL, batch);
        return out;
    }

    @Test
    void findsTheExactNearestAndScoresWithStoredFloats(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            List<float[]> vs = store(m, 300, 1);
            VectorIndex idx = VectorIndex.open(new EmbeddingRepository(m.db()), MODEL, m.indexDir());
            assertThat(idx.size()).isEqualTo(300);

            List<VectorIndex.Hit> hits = idx.search(vs.get(42), 5, id -> true);

            assertThat(hits).hasSize(5);
            assertThat(hits.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(hits.get(0).chunkId()).isEqualTo(43L);
        }
    }

    @Test
    void aDeletedDocumentNeverComesBack(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            List<float[]> vs = store(m, 50, 2);
            VectorIndex idx = VectorIndex.open(new EmbeddingRepository(m.db()), MODEL, m.indexDir());
            TestMatters.deleteDocument(m, 10);

            List<VectorIndex.Hit> hits = idx.search(vs.get(9), 50, id -> true);

            assertThat(hits).extracting(VectorIndex.Hit::chunkId).doesNotContain(10L).hasSize(49);
        }
    }

    @Test
    void aSavedIndexIsReopenedAndCaughtUpWithNewVectors(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            store(m, 100, 3);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex.open(repo, MODEL, m.indexDir()).save();
            List<float[]> later = store(m, 20, 4);

            VectorIndex reopened = VectorIndex.open(repo, MODEL, m.indexDir());

            assertThat(reopened.size()).isEqualTo(120);
            assertThat(reopened.maxRowId()).isEqualTo(repo.maxRowId(MODEL));
            assertThat(reopened.search(later.get(5), 1, id -> true).get(0).chunkId()).isEqualTo(106L);
        }
    }

    @Test
    void aDamagedOrStaleIndexIsRebuiltFromTheDatabase(@TempDir Path tmp) throws Exception {
        try (Matter m = TestMatters.create(tmp)) {
            store(m, 40, 5);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex.open(repo, MODEL, m.indexDir()).save();
            Files.write(m.indexDir().resolve("vectors-" + MODEL + ".hnsw"), new byte[] {1, 2, 3});

            assertThat(VectorIndex.open(repo, MODEL, m.indexDir()).size()).isEqualTo(40);

            Files.writeString(m.indexDir().resolve("vectors-" + MODEL + ".json"),
                    "{\"format\":1,\"model\":\"" + MODEL + "\",\"max_row_id\":9999,\"items\":40}");
            assertThat(VectorIndex.open(repo, MODEL, m.indexDir()).size()).isEqualTo(40);
        }
    }

    @Test
    void anIndexOfAnOlderFormatIsRebuiltAndSavedByTheFirstSearch(@TempDir Path tmp) throws Exception {
        try (Matter m = TestMatters.create(tmp)) {
            List<float[]> vs = store(m, 30, 8);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex.open(repo, MODEL, m.indexDir()).save();
            Path stamp = m.indexDir().resolve("vectors-" + MODEL + ".json");
            Files.writeString(stamp, Files.readString(stamp).replace("\"format\":" + VectorIndex.FORMAT, "\"format\":1"));

            try (Retrieval r = new Retrieval(m, ModelManifest.load(MODEL))) {
                assertThat(r.vectors().search(vs.get(3), 1).get(0).chunkId()).isEqualTo(4L);
            }
            // Saved in the current format: the next open loads it instead of rebuilding again.
            assertThat(Files.readString(stamp)).contains("\"format\":" + VectorIndex.FORMAT);
            VectorIndex again = VectorIndex.open(repo, MODEL, m.indexDir());
            assertThat(again.isSaved()).isTrue();
            assertThat(again.search(vs.get(7), 1).get(0).chunkId()).isEqualTo(8L);
        }
    }

    @Test
    void theFilterIsAppliedBeforeTopK(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            List<float[]> vs = store(m, 200, 6);
            VectorIndex idx = VectorIndex.open(new EmbeddingRepository(m.db()), MODEL, m.indexDir());

            List<VectorIndex.Hit> hits = idx.search(vs.get(0), 10, id -> id % 2 == 0);

            assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.chunkId() % 2).isZero());
        }
    }
}
