package dev.quarry.documents;

/** pending → processing → completed | failed | needs_ocr | password_required (seed 004, extended for productions). */
public enum DocumentStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, NEEDS_OCR, PASSWORD_REQUIRED;

    public String db() {
        return name().toLowerCase();
    }

    public static DocumentStatus of(String s) {
        return valueOf(s.toUpperCase());
    }

    /** Terminal states are the ones an import leaves a document in. */
    public boolean terminal() {
        return this != PENDING && this != PROCESSING;
    }
}
