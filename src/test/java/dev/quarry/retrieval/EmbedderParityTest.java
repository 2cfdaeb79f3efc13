package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our ONNX inference agrees with vectors made by an independent runtime (transformers.js) from the same files. */
class EmbedderParityTest {

    @ParameterizedTest
    @CsvSource({"bge-small-en-v1.5-q, bge.json", "all-minilm-l6-v2, minilm.json"})
    void everyFixturePassageHasCosineAtLeast0999(String modelId, String fixture) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Path.of(System.getProperty("quarry.fixtures"), "embeddings", fixture).toFile());
        List<Double> cosines = new ArrayList<>();
        try (Embedder e = new Embedder(ModelManifest.load(modelId), 2)) {
            for (JsonNode item : root.get("items")) {
                float[] expected = new float[item.get("vector").size()];
                for (int i = 0; i < expected.length; i++) expected[i] = (float) item.get("vector").get(i).asDouble();
                float[] actual = e.embedPassage(item.get("text").asText());
                assertThat(actual).hasSize(384);
                cosines.add(Vectors.cosine(expected, actual));
            }
        }
        assertThat(cosines).hasSize(root.get("items").size()).hasSizeGreaterThan(90);
        assertThat(cosines).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(0.999));
    }
}
