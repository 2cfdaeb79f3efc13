package dev.quarry.documents.qc;

import java.util.Locale;

/** What a production quality finding is about; {@link #id()} is the name in JSON, CSV and the database. */
public enum QcKind {
    /** Bates numbers missing between two produced documents of one prefix. */
    BATES_GAP,
    /** Two documents whose ranges share pages without being the same range. */
    BATES_OVERLAP,
    /** The same Bates number given twice: two rows, two OPT pages, or two productions. */
    DUPLICATE_BATES,
    /** A native, text or page image the load file names that is not in the volume; DAT and OPT disagreeing on which documents exist. */
    MISSING_FILE,
    /** The DAT's page count, its Bates range, the OPT's pages and the file's own pages disagree. */
    PAGE_COUNT_MISMATCH,
    /** A hash field (MD5HASH, SHA1, ...) that is not the hash of the file produced. */
    HASH_MISMATCH,
    /** A produced document with no searchable text (image-only, unreadable, empty). */
    NO_TEXT,
    /** Custodian, dates, from or to left blank, with the rate. */
    BLANK_FIELD,
    /** A family (attachment or parent) range that points at Bates numbers no production holds. */
    BROKEN_FAMILY,
    /** A placeholder page in place of the document ("withheld", "produced natively"). */
    SLIP_SHEET;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QcKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
