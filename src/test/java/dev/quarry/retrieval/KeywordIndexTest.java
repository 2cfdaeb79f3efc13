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

    /**
     * Generated text: each chunk is a filler sentence around one word form, so what a term should find is
     * known exactly (the chunk ids of the forms it names, and none of the look-alikes).
     */
    static final List<String> FORMS = List.of(
            "terminate", "terminated", "termination", "terminating",                   // 1-4
            "confidential", "confidentiality", "confidentially",                       // 5-7
            "exclusive", "exclusively", "exclusivity", "exclusion", "excluded",        // 8-12
            "arbitration", "arbitrator", "arbitrate", "arbitral",                      // 13-16
            "governing", "government", "governed", "governs");                        // 17-20

    static Matter generated(Path tmp) {
        Matter m = TestMatters.create(tmp);
        String[] frames = {"Section %d. The %s clause of this agreement applies to both parties.",
                "Article %d: Each party reviewed the %s provisions with counsel before signing."};
        String[] pages = new String[FORMS.size()];
        for (int i = 0; i < FORMS.size(); i++) pages[i] = String.format(frames[i % 2], i + 1, FORMS.get(i));
        TestMatters.addDocument(m, "generated.txt", null, null, pages);
        return m;
    }

    /** The chunk ids (1-based, one chunk per form) of these forms. */
    static Long[] chunksOf(String... forms) {
        return java.util.Arrays.stream(forms).map(f -> (long) FORMS.indexOf(f) + 1).toArray(Long[]::new);
    }

    @Test
    void wildcardsMatchTheWordsAsWrittenNotTheirStems(@TempDir Path tmp) {
        try (Matter m = generated(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(ids(idx.search("terminat*", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("terminate", "terminated", "termination", "terminating"));
            assertThat(ids(idx.search("confidential*", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("confidential", "confidentiality", "confidentially"));
            assertThat(ids(idx.search("exclusiv*", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("exclusive", "exclusively", "exclusivity"));
            assertThat(ids(idx.search("arbitrat*", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("arbitration", "arbitrator", "arbitrate"));
            assertThat(ids(idx.search("gover?ing", 20, SearchFilter.NONE))).containsExactly(chunksOf("governing"));
            // What worked before still works, and upper case in a wildcard is the same word.
            assertThat(ids(idx.search("exclus*", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("exclusive", "exclusively", "exclusivity", "exclusion"));
            assertThat(ids(idx.search("ARBITRAT*", 20, SearchFilter.NONE))).hasSize(3);
            // Fuzzy and regular-expression terms are read against the words as written too.
            assertThat(ids(idx.search("govermnent~2", 20, SearchFilter.NONE))).containsExactly(chunksOf("government"));
            assertThat(ids(idx.search("/terminat(e|ion)/", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("terminate", "termination"));
            // A wildcard inside a phrase-free Boolean query keeps its own clause.
            assertThat(ids(idx.search("terminat* AND clause", 20, SearchFilter.NONE)))
                    .containsExactlyInAnyOrder(chunksOf("terminate", "termination"));
        }
    }

    @Test
    void quotedWordsAndPhrasesAreNotStemmedAndGoverningIsNotGovernment(@TempDir Path tmp) {
        try (Matter m = generated(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(ids(idx.search("\"terminated\"", 20, SearchFilter.NONE))).containsExactly(chunksOf("terminated"));
            assertThat(ids(idx.search("\"exclusive\"", 20, SearchFilter.NONE))).containsExactly(chunksOf("exclusive"));
            assertThat(ids(idx.search("\"the governing clause\"", 20, SearchFilter.NONE))).containsExactly(chunksOf("governing"));
            assertThat(ids(idx.search("\"the governed clause\"", 20, SearchFilter.NONE))).containsExactly(chunksOf("governed"));
            // A plain word no longer finds a different word that shares its Porter stem.
            assertThat(ids(idx.search("governing", 20, SearchFilter.NONE))).doesNotContain(chunksOf("government"));
            assertThat(ids(idx.search("government", 20, SearchFilter.NONE))).containsExactly(chunksOf("government"));
        }
    }

    @Test
    void aWildcardMatchIsHighlightedAsWritten(@TempDir Path tmp) {
        try (Matter m = generated(tmp); KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"))) {
            assertThat(idx.search("terminat*", 20, SearchFilter.NONE)).extracting(KeywordIndex.Hit::snippet)
                    .allSatisfy(s -> assertThat(s).containsPattern("<b>terminat[a-z]*</b>"));
            assertThat(idx.search("\"governing\"", 1, SearchFilter.NONE).get(0).snippet()).contains("<b>governing</b>");
            // A phrase is marked whole.
            assertThat(idx.search("\"the governing clause\"", 1, SearchFilter.NONE).get(0).snippet()).contains("<b>The governing clause</b>");
            assertThat(idx.search("governs", 20, SearchFilter.NONE)).isNotEmpty().extracting(KeywordIndex.Hit::snippet)
                    .allSatisfy(s -> assertThat(s).containsPattern("<b>govern[a-z]*</b>"));
        }
    }

    @Test
    void anIndexOfTheFormatBeforeTheWordsAsWrittenIsRebuiltOnOpen(@TempDir Path tmp) throws Exception {
        try (Matter m = generated(tmp)) {
            Path dir = m.indexDir().resolve("keyword");
            // Format 3 as it was written: the stemmed text only, every chunk indexed, the commit up to date.
            try (var d = org.apache.lucene.store.FSDirectory.open(dir);
                 var w = new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig(KeywordIndex.analyzer()))) {
                for (int i = 0; i < FORMS.size(); i++) {
                    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
                    doc.add(new org.apache.lucene.document.LongPoint("chunk_id", i + 1));
                    doc.add(new org.apache.lucene.document.NumericDocValuesField("chunk_id", i + 1));
                    doc.add(new org.apache.lucene.document.NumericDocValuesField("document_id", 1));
                    doc.add(new org.apache.lucene.document.TextField(KeywordIndex.TEXT, FORMS.get(i), org.apache.lucene.document.Field.Store.YES));
                    w.addDocument(doc);
                }
                w.setLiveCommitData(java.util.Map.of("last_chunk_id", String.valueOf(FORMS.size()), "format", "3").entrySet());
                w.commit();
            }
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), dir)) {
                assertThat(idx.numDocs()).isEqualTo(FORMS.size());
                assertThat(ids(idx.search("arbitrat*", 20, SearchFilter.NONE))).hasSize(3);
            }
        }
    }
}
