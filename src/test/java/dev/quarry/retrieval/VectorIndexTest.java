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
    void aSavedIndexIsKeptThroughAFewDeletionsAndRebuiltAfterMany(@TempDir Path tmp) throws Exception {
        try (Matter m = TestMatters.create(tmp)) {
            store(m, 100, 9);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex.open(repo, MODEL, m.indexDir()).save();
            Path stamp = m.indexDir().resolve("vectors-" + MODEL + ".json");
            assertThat(Files.readString(stamp)).contains("\"rows\":100");
            for (long doc = 1; doc <= 10; doc++) TestMatters.deleteDocument(m, doc);

            VectorIndex kept = VectorIndex.open(repo, MODEL, m.indexDir());
            assertThat(kept.isSaved()).isTrue();
            assertThat(kept.size()).isEqualTo(100); // the ten deleted texts' nodes stay, and search skips them

            for (long doc = 11; doc <= 25; doc++) TestMatters.deleteDocument(m, doc);
            VectorIndex rebuilt = VectorIndex.open(repo, MODEL, m.indexDir());
            assertThat(rebuilt.isSaved()).isFalse();
            assertThat(rebuilt.size()).isEqualTo(75);

            // A stamp written before row counts were kept is checked by counting the distinct texts instead.
            rebuilt.save();
            Files.writeString(stamp, Files.readString(stamp).replaceAll(",\"rows\":\\d+", ""));
            assertThat(Files.readString(stamp)).doesNotContain("rows");
            assertThat(VectorIndex.open(repo, MODEL, m.indexDir()).isSaved()).isTrue();
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

    /**
     * Stores {@code copies} chunks with one and the same text, each in a document of its own, all with that
     * text's vector (as the embedding job does when it reuses a vector); returns their chunk ids.
     */
    private static final java.util.concurrent.atomic.AtomicInteger COPY_FILES = new java.util.concurrent.atomic.AtomicInteger();

    static List<Long> storeCopies(Matter m, int copies, String text, float[] vector) {
        List<Long> chunks = new ArrayList<>();
        List<EmbeddingRepository.NewVector> batch = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            long doc = TestMatters.addDocument(m, "copy-" + COPY_FILES.incrementAndGet() + ".txt", null, null, text);
            long chunk = new dev.quarry.documents.DocumentRepository(m.db()).chunks(doc).get(0).id();
            chunks.add(chunk);
            batch.add(new EmbeddingRepository.NewVector(chunk, Hashing.sha256(text), vector));
        }
        new EmbeddingRepository(m.db()).insert(MODEL, batch);
        return chunks;
    }

    @Test
    void aPassageRepeatedHundredsOfTimesIsOneNodeThatFindsEveryCopy(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            List<float[]> distinct = store(m, 300, 9);
            float[] boilerplate = random(new Random(99));
            List<Long> copies = storeCopies(m, 150, "This e-mail and any attachments are confidential.", boilerplate);
            VectorIndex idx = VectorIndex.open(new EmbeddingRepository(m.db()), MODEL, m.indexDir());

            assertThat(idx.size()).isEqualTo(301);
            List<VectorIndex.Hit> hits = idx.search(boilerplate, 200);
            assertThat(hits.subList(0, 150)).extracting(VectorIndex.Hit::chunkId).containsExactlyElementsOf(copies);
            assertThat(hits.get(149).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            // The copies do not crowd the other passages out of the graph: each is still its own nearest.
            for (int i = 0; i < distinct.size(); i += 10) {
                assertThat(idx.search(distinct.get(i), 1).get(0).chunkId()).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void copiesStayFindableWhenTheDocumentThatFirstHadTheTextIsDeleted(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            store(m, 50, 10);
            float[] v = random(new Random(100));
            List<Long> copies = storeCopies(m, 5, "Signature page follows.", v);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex.open(repo, MODEL, m.indexDir()).save();
            TestMatters.deleteDocument(m, 51); // holds copies.get(0), the row the graph node was made from

            VectorIndex reopened = VectorIndex.open(repo, MODEL, m.indexDir());

            assertThat(reopened.isSaved()).isTrue();
            assertThat(reopened.search(v, 10).subList(0, 4)).extracting(VectorIndex.Hit::chunkId)
                    .containsExactlyElementsOf(copies.subList(1, 5));
            assertThat(reopened.search(v, 10, id -> id != copies.get(2)).subList(0, 3)).extracting(VectorIndex.Hit::chunkId)
                    .containsExactly(copies.get(1), copies.get(3), copies.get(4));
        }
    }

    @Test
    void aCopyEmbeddedLaterJoinsItsTextsNodeWithoutANewOne(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            store(m, 20, 11);
            float[] v = random(new Random(101));
            List<Long> first = storeCopies(m, 1, "Exhibit A", v);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex idx = VectorIndex.open(repo, MODEL, m.indexDir());
            List<Long> later = storeCopies(m, 2, "Exhibit A", v);

            assertThat(idx.catchUp()).isZero();

            assertThat(idx.size()).isEqualTo(21);
            assertThat(idx.maxRowId()).isEqualTo(repo.maxRowId(MODEL));
            assertThat(idx.search(v, 3)).extracting(VectorIndex.Hit::chunkId)
                    .containsExactly(first.get(0), later.get(0), later.get(1));
        }
    }

    @Test
    void theTextKeyIsTheFirstFifteenHexDigitsOfTheTextHash(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            storeCopies(m, 1, "Any text", random(new Random(5)));
            long key = m.db().withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT text_key FROM embeddings")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(key).isEqualTo(Long.parseLong(Hashing.sha256("Any text").substring(0, 15), 16));
        }
    }

    @Test
    void aNarrowFilterOverAWideGraphStillFillsK(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            List<float[]> vs = store(m, 2000, 12);
            VectorIndex idx = VectorIndex.open(new EmbeddingRepository(m.db()), MODEL, m.indexDir());

            // 5 % of the chunks pass: the 64 nodes an unscaled search asks for would leave about three.
            List<VectorIndex.Hit> hits = idx.search(vs.get(0), 10, id -> id % 20 == 0, 0.05);

            assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.chunkId() % 20).isZero());
        }
    }
}
