package dev.quarry.documents;

/**
 * One page as extracted. {@code text} is kept exactly as extracted: chunk offsets and citations point
 * into it. For formats without pages, a page is a natural unit (the whole text file, a sheet, a slice
 * of rows). Importers that invent pages (spreadsheets, e-mail) keep each under {@link #MAX_CHARS}
 * characters; a plain-text file stays one page so its offsets are the file's own.
 *
 * @param bates     the Bates number stamped on or assigned to this page, or null
 * @param imageOnly the page has images but no extractable text (OCR would be needed)
 * @param layout    word boxes for highlighting, or null when the format has no geometry
 */
public record ParsedPage(int number, String text, String bates, boolean imageOnly, PageLayout layout) {
    public static final int MAX_CHARS = 500_000;

    public ParsedPage {
        if (number < 1) throw new IllegalArgumentException("page numbers start at 1");
        if (text == null) text = "";
    }

    public static ParsedPage text(int number, String text) {
        return new ParsedPage(number, text, null, false, null);
    }

    public ParsedPage withBates(String b) {
        return new ParsedPage(number, text, b, imageOnly, layout);
    }
}
