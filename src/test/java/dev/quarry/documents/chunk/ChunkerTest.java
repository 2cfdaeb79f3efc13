package dev.quarry.documents.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.retrieval.HfTokenCounter;
import dev.quarry.retrieval.ModelManifest;
import dev.quarry.testing.WordTokenCounter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    static HfTokenCounter bge;

    @BeforeAll
    static void loadTokenizer() {
        bge = new HfTokenCounter(ModelManifest.load(ModelManifest.DEFAULT_ID));
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    static String contract(int sentences) {
        StringBuilder sb = new StringBuilder("MASTER SERVICES AGREEMENT\n\n");
        for (int i = 1; i <= sentences; i++) {
            sb.append("Section ").append(i).append(". The Supplier shall deliver the Goods described in Schedule ")
                    .append(i).append(" to the Customer's premises, and title passes upon acceptance (\"Acceptance\"). ");
            if (i % 5 == 0) sb.append("\n\n");
        }
        return sb.toString();
    }

    @Test
    void chunksAreExactSubstringsWithinTheTokenBudgetAndCoverThePage() {
        String page = contract(120);
        Chunker chunker = new Chunker(bge, 128, 24);
        List<ChunkSpec> chunks = chunker.chunk(3, page);
        assertThat(chunks).hasSizeGreaterThan(5);
        int covered = 0;
        for (ChunkSpec c : chunks) {
            assertThat(c.pageNumber()).isEqualTo(3);
            assertThat(c.text()).isEqualTo(page.substring(c.start(), c.end()));
            assertThat(c.tokens()).isEqualTo(bge.count(c.text())).isLessThanOrEqualTo(128);
            assertThat(Character.isWhitespace(c.text().charAt(0))).isFalse();
            assertThat(c.start()).isGreaterThanOrEqualTo(covered > 0 ? chunks.get(0).start() : 0);
            covered = Math.max(covered, c.end());
        }
        assertThat(page.substring(covered).strip()).isEmpty();
        // Every non-space character is in some chunk.
        for (int i = 0; i < page.length(); i++) {
            if (Character.isWhitespace(page.charAt(i))) continue;
            final int at = i;
            assertThat(chunks).anyMatch(c -> c.start() <= at && at < c.end());
        }
    }

    @Test
    void consecutiveChunksOverlapByWholeSentencesAndAlwaysAdvance() {
        List<ChunkSpec> chunks = new Chunker(bge, 100, 30).chunk(1, contract(60));
        for (int i = 1; i < chunks.size(); i++) {
            ChunkSpec prev = chunks.get(i - 1), cur = chunks.get(i);
            assertThat(cur.start()).isGreaterThan(prev.start());
            assertThat(cur.start()).isLessThanOrEqualTo(prev.end());
            if (cur.start() < prev.end()) {
                assertThat(bge.count(prev.text().substring(cur.start() - prev.start()))).isLessThanOrEqualTo(30);
            }
        }
    }

    @Test
    void aRunOnSentenceLongerThanAChunkIsCutBetweenWords() {
        String table = "Item Qty Price ".repeat(400);
        List<ChunkSpec> chunks = new Chunker(bge, 64, 8).chunk(1, table);
        assertThat(chunks).hasSizeGreaterThan(10);
        for (ChunkSpec c : chunks) {
            assertThat(c.tokens()).isLessThanOrEqualTo(64);
            assertThat(bge.count(c.text())).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void anEnormousSingleTokenRunIsCutByCharacters() {
        String blob = "A".repeat(20_000);
        List<ChunkSpec> chunks = new Chunker(bge, 64, 8).chunk(1, blob);
        assertThat(chunks).isNotEmpty();
        assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(blob.length());
        for (ChunkSpec c : chunks) assertThat(c.tokens()).isLessThanOrEqualTo(64);
    }

    @Test
    void tokenCountsAddUpAcrossWhitespaceForTheWordPieceTokenizer() {
        // The chunker sums sentence counts instead of re-tokenizing each chunk; this is why that is exact.
        String a = "The Licensee shall pay royalties of 5% (five percent) on Net Sales.";
        String b = "Payments are due within thirty (30) days of each calendar quarter's end.";
        assertThat(bge.count(a + " " + b)).isEqualTo(bge.count(a) + bge.count(b));
    }

    @Test
    void blankPagesGiveNoChunks() {
        assertThat(new Chunker(new WordTokenCounter(), 32, 4).chunk(1, " \n\t \n")).isEmpty();
    }
}
