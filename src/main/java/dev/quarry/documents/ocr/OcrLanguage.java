package dev.quarry.documents.ocr;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.AppDirs;
import dev.quarry.core.Hashing;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OCR language's manifest ({@code models/<language>.ocr.json}): where its Tesseract model
 * ({@code *.traineddata}) is and the SHA-256 it must have. The build unpacks the model from a Maven Central
 * artifact (eng: the Tess4J jar's {@code tessdata/}); nothing is downloaded at run time, and a file that does
 * not match its hash is refused, never used (as {@code retrieval.ModelManifest} does for embedding models).
 */
public record OcrLanguage(@JsonProperty("language") String language,
                          @JsonProperty("file") String file,
                          @JsonProperty("artifact") String artifact,
                          @JsonProperty("sha256") String sha256) {

    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    /** Loads and checks the manifest of one language from the models folder. */
    public static OcrLanguage load(Path modelsDir, String language) {
        if (!language.matches("[a-z_]{3,16}")) {
            throw new QuarryException("\"" + language + "\" is not an OCR language code (such as eng or deu).");
        }
        Path manifest = modelsDir.resolve(language + ".ocr.json");
        if (!Files.isRegularFile(manifest)) {
            throw new QuarryException("The OCR language \"" + language + "\" is not installed (no " + manifest + ").");
        }
        OcrLanguage l;
        try {
            l = Json.MAPPER.readValue(manifest.toFile(), OcrLanguage.class);
        } catch (IOException e) {
            throw new QuarryException("The OCR manifest " + manifest + " is damaged.", e);
        }
        l.verify(modelsDir);
        return l;
    }

    public static OcrLanguage load(String language) {
        return load(AppDirs.models(), language);
    }

    /** The model file, which Tesseract wants in a folder named {@code tessdata} as {@code <language>.traineddata}. */
    public Path path(Path modelsDir) {
        return modelsDir.resolve(file);
    }

    private void verify(Path modelsDir) {
        Path f = path(modelsDir);
        if (!Files.isRegularFile(f)) {
            throw new QuarryException("The OCR model " + f + " is missing; run the build (mvn package) to unpack it.");
        }
        if (!f.getFileName().toString().equals(language + ".traineddata")) {
            throw new QuarryException("The OCR model for " + language + " must be named " + language + ".traineddata.");
        }
        try {
            String key = f.toAbsolutePath() + "|" + sha256 + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis();
            if (VERIFIED.contains(key)) return;
            String actual = Hashing.sha256(f);
            if (sha256 == null || !sha256.equalsIgnoreCase(actual)) {
                throw new QuarryException("The OCR model " + f + " is not the expected one (SHA-256 mismatch); rebuild to restore it.");
            }
            VERIFIED.add(key);
        } catch (IOException e) {
            throw new QuarryException("The OCR model " + f + " could not be read.", e);
        }
    }
}
