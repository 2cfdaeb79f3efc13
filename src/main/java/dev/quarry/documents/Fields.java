package dev.quarry.documents;

/**
 * Keys Quarry itself reads from a source's fields (load-file importers fill them; everything else they
 * find is kept under its original name in the document's metadata).
 */
public final class Fields {
    public static final String BATES_BEGIN = "quarry.bates_begin";
    public static final String BATES_END = "quarry.bates_end";
    public static final String CUSTODIAN = "quarry.custodian";
    /** One Bates number per page, in page order, separated by newlines (from an Opticon OPT file). */
    public static final String PAGE_BATES = "quarry.page_bates";
    /** ISO-8601 date or date-time of the document (sent, created). */
    public static final String DATE = "quarry.date";
    /** The producing party's original file name (a load file's FILENAME, ORIGFILENAME, ...). */
    public static final String ORIGINAL_NAME = "quarry.original_name";
    /** The file name to show when the stored file is only extracted text (a load-file TEXT entry). */
    public static final String DISPLAY_NAME = "quarry.display_name";
    /**
     * Set on a child that cannot be imported (a load-file row whose files are missing, a ZIP entry over
     * the size limit): the import stores it as a FAILED document with this reason instead of parsing it,
     * so the user sees the gap under the child's own name and Bates numbers.
     */
    public static final String FAILURE = "quarry.failure";
    /**
     * The producer's extracted-text file for a load-file native (absolute path): used instead of the
     * native when Quarry cannot read it or finds no text in it.
     */
    public static final String TEXT_FILE = "quarry.text_file";

    private Fields() {}
}
