package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbedderTest {
    static Embedder bge;

    @BeforeAll
    static void load() {
        bge = new Embedder(ModelManifest.load("bge-small-en-v1.5-q"), 2);
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    @Test
    void vectorsAreUnitLength384() {
        float[] v = bge.embedPassage("The licensee shall indemnify the licensor.");
        assertThat(v).hasSize(384);
        assertThat(Vectors.dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void aPassageVectorDoesNotDependOnWhatItIsEmbeddedWith() {
        String shortText = "Termination for convenience.";
        String longText = "This Agreement shall be governed by the laws of the State of New York without regard to "
                .repeat(8);
        float[] alone = bge.embedPassage(shortText);
        List<float[]> together = bge.embedPassages(List.of(longText, shortText, longText + " again"));
        assertThat(together.get(1)).containsExactly(alone);
    }

    @Test
    void queriesGetBgesInstructionAndPassagesDoNot() {
        String q = "non-compete clause";
        assertThat(bge.embedQuery(q)).isNotEqualTo(bge.embedPassage(q));
        assertThat(Vectors.cosine(bge.embedQuery(q), bge.embedPassage(
                "Represent this sentence for searching relevant passages: " + q))).isGreaterThan(0.9999);
    }

    @Test
    void longPassagesAreTruncatedAt512TokensNot128() {
        String words = "alpha beta gamma delta ".repeat(200);
        assertThat(bge.encode(words).getIds()).hasSize(512);
    }
}
