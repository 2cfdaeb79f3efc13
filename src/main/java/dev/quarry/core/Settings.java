package dev.quarry.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A matter's settings: string keys and values in {@code matter_settings}, with typed defaults. */
public final class Settings {
    public static final String NAME = "matter.name";
    public static final String EMBEDDING_MODEL = "embedding.model";
    /**
     * The model a re-embed is switching to, while it has not yet embedded every chunk; the matter keeps
     * searching with {@link #EMBEDDING_MODEL} until then (retrieval.ModelSwitch).
     */
    public static final String EMBEDDING_MODEL_PENDING = "embedding.model_pending";
    public static final String CHUNK_MAX_TOKENS = "chunk.max_tokens";
    public static final String CHUNK_OVERLAP_TOKENS = "chunk.overlap_tokens";
    public static final String IMPORT_MAX_FILE_MB = "import.max_file_mb";
    public static final String IMPORT_TIMEOUT_SECONDS = "import.timeout_seconds";
    /** Q&A answers whose confidence is below this wait in the review queue. */
    public static final String QA_REVIEW_THRESHOLD = "qa.review_threshold";
    /** Whether imports read scans and page images with OCR (docs/adr/0011-ocr.md). */
    public static final String OCR_ENABLED = "ocr.enabled";
    /** Tesseract languages, joined with '+' ("eng", "eng+deu"); each needs its models/<lang>.ocr.json. */
    public static final String OCR_LANGUAGES = "ocr.languages";
    /** The time limit for reading one page; a page over it is failed (and redone by import --retry). */
    public static final String OCR_PAGE_TIMEOUT_SECONDS = "ocr.page_timeout_seconds";
    /** Pages read with a confidence below this are flagged for a reviewer's eye (never hidden). */
    public static final String OCR_LOW_CONFIDENCE = "ocr.low_confidence";

    /**
     * Defaults; docs/adr/0004-chunking.md says why the chunk figures are what they are, docs/BENCHMARKS.md
     * ("Q&A: does confidence mean something") why the review threshold is.
     */
    public static final Map<String, String> DEFAULTS = Map.of(
            EMBEDDING_MODEL, "bge-small-en-v1.5-q",
            CHUNK_MAX_TOKENS, "256",
            CHUNK_OVERLAP_TOKENS, "48",
            IMPORT_MAX_FILE_MB, "1024",
            IMPORT_TIMEOUT_SECONDS, "180",
            QA_REVIEW_THRESHOLD, "0.45",
            OCR_ENABLED, "true",
            OCR_LANGUAGES, "eng",
            OCR_PAGE_TIMEOUT_SECONDS, "120",
            OCR_LOW_CONFIDENCE, "0.6");

    private final Database db;

    public Settings(Database db) {
        this.db = db;
    }

    public Optional<String> find(String key) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting_value FROM matter_settings WHERE setting_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.ofNullable(DEFAULTS.get(key));
                }
            }
        });
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("No setting " + key));
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key).trim());
    }

    public void put(String key, String value) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO matter_settings (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                return ps.executeUpdate();
            }
        });
    }

    /** Removes a stored setting (its default, if any, applies again). */
    public void remove(String key) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM matter_settings WHERE setting_key = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate();
            }
        });
    }

    /** Sets {@code key} and removes {@code removed} in one transaction: both happen or neither does. */
    public void putAndRemove(String key, String value, String removed) {
        db.inTransaction(c -> {
            try (PreparedStatement put = c.prepareStatement(
                    "MERGE INTO matter_settings (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)");
                 PreparedStatement del = c.prepareStatement("DELETE FROM matter_settings WHERE setting_key = ?")) {
                put.setString(1, key);
                put.setString(2, value);
                put.executeUpdate();
                del.setString(1, removed);
                del.executeUpdate();
            }
            return null;
        });
    }

    /** All stored settings merged over the defaults. */
    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
        db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT setting_key, setting_value FROM matter_settings ORDER BY setting_key")) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return null;
        });
        return out;
    }
}
