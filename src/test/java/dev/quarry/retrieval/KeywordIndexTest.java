package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordIndexTest {

    static List<Long> ids(List<KeywordIndex.Hit> hits) {
        return hits.stream().map(KeywordIndex.Hit::chunkId).toList();
    }

    static Matter matter(Path tmp) {
        Matter m = TestMatters.create(tmp);
        TestMatters.addDocument(m, "lease.txt", "Smith", "ABC0001",
                "The tenant shall pay rent monthly to the landlord.",          // chunk 1
                "The landlord may terminate the lease upon default.");         // chunk 2
        TestMatters.addDocument(m, "memo.txt", "Jones", null,
                "Payment of rent was late; the tenant promised to pay.",      // chunk 3
                "Indemnification obligations survive termination.");          // chunk 4
        return m;
    }

    @Test
    void supportsPhrasesBooleansProximityWildcardsAndFields(@TempDir Path tmp) {
        try (Matter m = matter(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(ids(idx.search("\"terminate the lease\"", 10, SearchFilter.NONE))).containsExactly(2L);
            assertThat(ids(idx.search("rent AND NOT late", 10, SearchFilter.NONE))).containsExactly(1L);
            assertThat(ids(idx.search("rent OR indemnification", 10, SearchFilter.NONE))).containsExactlyInAnyOrder(1L, 3L, 4L);
            assertThat(ids(idx.search("\"tenant pay\"~1", 10, SearchFilter.NONE))).containsExactly(1L);
            assertThat(ids(idx.search("indemni*", 10, SearchFilter.NONE))).containsExactly(4L);
            assertThat(ids(idx.search("rent AND custodian:jones", 10, SearchFilter.NONE))).containsExactly(3L);
            assertThat(ids(idx.search("landlord AND page:2", 10, SearchFilter.NONE))).containsExactly(2L);
            assertThat(ids(idx.search("bates:abc0001", 10, SearchFilter.NONE))).containsExactly(1L);
            // English stemming: "terminated" finds "terminate" and "termination"
            assertThat(ids(idx.search("terminated", 10, SearchFilter.NONE))).containsExactlyInAnyOrder(2L, 4L);
        }
    }

    @Test
    void knowsTheDocumentOfEachChunkItHolds(@TempDir Path tmp) {
        try (Matter m = matter(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(idx.documentsOf(List.of(1L, 2L, 3L, 4L, 99L))).containsExactlyInAnyOrderEntriesOf(
                    java.util.Map.of(1L, 1L, 2L, 1L, 3L, 2L, 4L, 2L));
            assertThat(idx.documentsOf(List.of())).isEmpty();
        }
    }

    @Test
    void highlightsTheMatchInTheSnippet(@TempDir Path tmp) {
        try (Matter m = matter(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(idx.search("indemnification", 1, SearchFilter.NONE).get(0).snippet()).contains("<b>Indemnification</b>");
        }
    }

    @Test
    void appliesFilters(@TempDir Path tmp) {
        try (Matter m = matter(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            SearchFilter smith = new SearchFilter(null, "SMITH", null, null, null, null);
            assertThat(ids(idx.search("rent", 10, smith))).containsExactly(1L);
            SearchFilter doc2 = new SearchFilter(Set.of(2L), null, null, null, null, null);
            assertThat(ids(idx.search("rent", 10, doc2))).containsExactly(3L);
            SearchFilter before = new SearchFilter(null, null, null, null, LocalDate.of(2019, 12, 31), null);
            assertThat(idx.search("rent", 10, before)).isEmpty();
            SearchFilter during = new SearchFilter(null, null, null, LocalDate.of(2020, 1, 15), LocalDate.of(2020, 1, 15), "TEXT/PLAIN");
            assertThat(idx.search("rent", 10, during)).hasSize(2);
        }
    }

    @Test
    void plainQuestionsWithSyntaxCharactersStillSearch(@TempDir Path tmp) {
        try (Matter m = matter(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(ids(idx.search("Who pays rent: the \"tenant?", 10, SearchFilter.NONE))).contains(1L, 3L);
        }
    }

    @Test
    void catchesUpWithNewChunksAndDropsDeletedOnesAcrossReopen(@TempDir Path tmp) throws Exception {
        try (Matter m = matter(tmp)) {
            Path dir = m.indexDir().resolve("keyword");
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), dir)) {
                assertThat(idx.lastChunkId()).isEqualTo(4);
                long doc = TestMatters.addDocument(m, "new.txt", null, null, "Arbitration in Geneva.");
                idx.catchUp();
                assertThat(ids(idx.search("arbitration", 10, SearchFilter.NONE))).containsExactly(5L);
                TestMatters.deleteDocument(m, doc);
            }
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), dir)) {
                assertThat(idx.search("arbitration", 10, SearchFilter.NONE)).isEmpty();
                assertThat(idx.search("rent", 10, SearchFilter.NONE)).hasSize(2);
            }
        }
    }

    @Test
    void aChunkCommittedWhileCatchingUpIsIndexedOnceAndAnIndexFromFormat1IsRebuilt(@TempDir Path tmp) throws Exception {
        try (Matter m = matter(tmp)) {
            Path dir = m.indexDir().resolve("keyword");
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), dir)) {
                // An import commits a document after the pass has read the new chunks and before it reconciles.
                TestMatters.addDocument(m, "early.txt", null, null, "Arbitration in Zurich.");
                idx.beforeReconcile = () -> TestMatters.addDocument(m, "late.txt", null, null, "Arbitration in Geneva.");
                idx.catchUp();
                assertThat(idx.numDocs()).isEqualTo(5);
                idx.beforeReconcile = () -> {};
                idx.catchUp();
                assertThat(idx.numDocs()).isEqualTo(6);
                idx.catchUp();
                assertThat(ids(idx.search("arbitration", 10, SearchFilter.NONE))).containsExactlyInAnyOrder(5L, 6L);
                assertThat(idx.rank("geneva", 10, SearchFilter.NONE)).hasSize(1);
                assertThat(idx.numDocs()).isEqualTo(6);
            }
            // An index written by format 1 is rebuilt from the chunks on open.
            org.apache.lucene.index.IndexWriterConfig cfg = new org.apache.lucene.index.IndexWriterConfig();
            try (var d = org.apache.lucene.store.FSDirectory.open(dir); var w = new org.apache.lucene.index.IndexWriter(d, cfg)) {
                w.setLiveCommitData(java.util.Map.of("last_chunk_id", "6", "format", "1").entrySet());
                w.commit();
            }
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), dir)) {
                assertThat(idx.numDocs()).isEqualTo(6);
                assertThat(idx.search("rent", 10, SearchFilter.NONE)).hasSize(2);
            }
        }
    }

    @Test
    void aDamagedIndexIsRebuilt(@TempDir Path tmp) throws Exception {
        try (Matter m = matter(tmp)) {
            Path dir = m.indexDir().resolve("keyword");
            KeywordIndex.open(new ChunkStore(m.db()), dir).close();
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                    Files.write(f, new byte[] {0, 1, 2});
                }
            }
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), dir)) {
                assertThat(idx.search("rent", 10, SearchFilter.NONE)).hasSize(2);
            }
        }
    }
}
