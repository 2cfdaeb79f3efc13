package dev.quarry.documents.qc;

/**
 * One finding of a production quality check: its kind, the Bates range it is about ({@code batesEnd}
 * equals {@code batesBegin} for one page; either may be null when the finding covers no single range)
 * and a sentence a reviewer can put in front of opposing counsel.
 */
public record QcFinding(QcKind kind, String batesBegin, String batesEnd, String detail) {
    public QcFinding {
        if (kind == null || detail == null || detail.isBlank()) throw new IllegalArgumentException("a finding needs a kind and a sentence");
        if (batesEnd == null) batesEnd = batesBegin;
    }
}
