package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both indexes of an encrypted matter, large enough that their files span many encrypted chunks: Lucene's
 * own checker reads every file back through the decryption (checksums, slices, clones), searches work
 * after a reopen, the saved vector graph loads again, and no file holds an indexed word in the clear.
 */
class EncryptedIndexesTest {
    static Matter encrypted(Path tmp) {
        return Matter.create(tmp.resolve("matter"), "test", "index password".toCharArray(), ModelManifest.DEFAULT_ID);
    }

    @Test
    void theKeywordIndexReadsBackWholeAfterReopeningAndHoldsNoPlainWord(@TempDir Path tmp) throws Exception {
        Path dir;
        try (Matter m = encrypted(tmp)) {
            dir = m.dir();
            for (int d = 0; d < 60; d++) {
                String[] pages = new String[20];
                for (int p = 0; p < pages.length; p++) {
                    pages[p] = "Clause " + d + "-" + p + " of the xylograph agreement: the licensee owes royalty number "
                            + (d * 1000 + p) + " and indemnifies the licensor for claim q" + d + "x" + p + ".";
                }
                TestMatters.addDocument(m, "contract-" + d + ".txt", "Custodian" + d, null, pages);
            }
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"), m.indexCipher())) {
                assertThat(idx.search("xylograph", 2000, SearchFilter.NONE)).hasSize(1200);
            }
            try (KeywordIndex idx = KeywordIndex.open(new ChunkStore(m.db()), m.indexDir().resolve("keyword"), m.indexCipher())) {
                assertThat(idx.catchUp()).as("reopened from its commit, not rebuilt").isZero();
                assertThat(KeywordIndexTest.ids(idx.search("q17x3", 10, SearchFilter.NONE))).hasSize(1);
                assertThat(idx.search("\"royalty number 42017\"", 10, SearchFilter.NONE)).hasSize(1);
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (var raw = FSDirectory.open(m.indexDir().resolve("keyword"));
                 CheckIndex check = new CheckIndex(new EncryptedDirectory(raw, m.indexCipher()))) {
                check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
                check.setChecksumsOnly(false);
                assertThat(check.checkIndex().clean).as(log.toString(StandardCharsets.UTF_8)).isTrue();
            }
            long biggest;
            try (Stream<Path> s = Files.list(m.indexDir().resolve("keyword"))) {
                biggest = s.mapToLong(f -> f.toFile().length()).max().orElse(0);
            }
            assertThat(biggest).as("a file spans several chunks").isGreaterThan(3L * dev.quarry.core.crypto.FileCipher.CHUNK);
        }
        assertThat(plainHits(dir, "xylograph")).isEmpty();
    }

    @Test
    void theVectorIndexIsSavedEncryptedAndLoadsAgain(@TempDir Path tmp) throws Exception {
        try (Matter m = encrypted(tmp)) {
            List<float[]> vs = VectorIndexTest.store(m, 300, 1);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            VectorIndex first = VectorIndex.open(repo, VectorIndexTest.MODEL, m.indexDir(), m.indexCipher());
            first.save();
            String stamp = Files.readString(m.indexDir().resolve("vectors-" + VectorIndexTest.MODEL + ".json"), StandardCharsets.ISO_8859_1);
            assertThat(stamp).doesNotContain("max_row_id");

            VectorIndex reopened = VectorIndex.open(repo, VectorIndexTest.MODEL, m.indexDir(), m.indexCipher());
            assertThat(reopened.isSaved()).as("loaded, not rebuilt").isTrue();
            assertThat(reopened.search(vs.get(42), 1, id -> true).get(0).chunkId()).isEqualTo(43L);
        }
    }

    /** Files under {@code dir} whose bytes contain {@code word}. */
    static List<Path> plainHits(Path dir, String word) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase().contains(word);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
