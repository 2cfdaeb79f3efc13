package dev.quarry.retrieval;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.Hashing;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An embedding model's manifest ({@code models/<id>.model.json}): where its files are, how to pool, and
 * the SHA-256 each file must have. The model files are unpacked by the build from Maven Central.
 */
public record ModelManifest(@JsonProperty("id") String id,
                            @JsonProperty("onnx") String onnx,
                            @JsonProperty("tokenizer") String tokenizer,
                            @JsonProperty("artifact") String artifact,
                            @JsonProperty("dimensions") int dimensions,
                            @JsonProperty("pooling") String pooling,
                            @JsonProperty("normalize") boolean normalize,
                            @JsonProperty("max_tokens") int maxTokens,
                            @JsonProperty("query_instruction") String queryInstruction,
                            @JsonProperty("sha256") Map<String, String> sha256) {

    public static final String DEFAULT_ID = "bge-small-en-v1.5-q";

    /** The models folder: {@code -Dquarry.models}, else {@code QUARRY_MODELS}, else ./models, else next to the jar. */
    public static Path modelsDir() {
        String prop = System.getProperty("quarry.models", System.getenv("QUARRY_MODELS"));
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        Path local = Path.of("models");
        if (Files.isDirectory(local)) return local;
        try {
            Path jar = Path.of(ModelManifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("models"))) return p.resolve("models");
            }
        } catch (Exception e) {
            // fall through to the relative default
        }
        return local;
    }

    public static ModelManifest load(String id) {
        return load(modelsDir(), id);
    }

    public static ModelManifest load(Path modelsDir, String id) {
        Path file = modelsDir.resolve(id + ".model.json");
        if (!Files.isRegularFile(file)) {
            throw new QuarryException("The embedding model \"" + id + "\" is not installed (no " + file + ").");
        }
        try {
            ModelManifest m = Json.MAPPER.readValue(file.toFile(), ModelManifest.class);
            return m.withBase(modelsDir);
        } catch (IOException e) {
            throw new QuarryException("The manifest " + file + " is damaged.", e);
        }
    }

    private ModelManifest withBase(Path dir) {
        return new ModelManifest(id, dir.resolve(onnx).toString(), dir.resolve(tokenizer).toString(), artifact,
                dimensions, pooling, normalize, maxTokens, queryInstruction, sha256);
    }

    /**
     * The longest chunk, in tokens counted without special tokens, that the model reads whole: its input
     * limit less the [CLS] and [SEP] that both BERT-family models (bge-small, MiniLM) add. The embedder
     * truncates at {@link #maxTokens()}, so a longer chunk would lose its end from its vector.
     */
    public int maxChunkTokens() {
        return maxTokens - 2;
    }

    public Path onnxPath() {
        return Path.of(onnx);
    }

    public Path tokenizerPath() {
        return Path.of(tokenizer);
    }

    /** Checks that both files exist and have the pinned SHA-256; a mismatch is refused, never used. */
    public void verify() {
        check(onnxPath(), sha256.get("onnx"));
        check(tokenizerPath(), sha256.get("tokenizer"));
    }

    /**
     * Files already hashed in this process, keyed by path, expected hash, size and modification time: opening
     * a matter and then loading its embedder both verify the model, and the 34 MB hash need not run twice.
     * A file that changes on disk gets a new key and is hashed again.
     */
    private static final java.util.Set<String> VERIFIED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void check(Path file, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new QuarryException("The model file " + file + " is missing; run the build (mvn package) to unpack it.");
        }
        try {
            String key = file.toAbsolutePath() + "|" + expected + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            if (VERIFIED.contains(key)) return;
            String actual = Hashing.sha256(file);
            if (expected != null && !expected.equalsIgnoreCase(actual)) {
                throw new QuarryException("The model file " + file + " is not the expected one (SHA-256 mismatch); rebuild to restore it.");
            }
            VERIFIED.add(key);
        } catch (IOException e) {
            throw new QuarryException("The model file " + file + " could not be read.", e);
        }
    }
}
