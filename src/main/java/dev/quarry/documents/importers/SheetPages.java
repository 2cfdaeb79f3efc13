package dev.quarry.documents.importers;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ParsedPage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns spreadsheet rows into pages a citation can point at. Each sheet starts a new page; a long sheet
 * is split every {@link #ROWS_PER_PAGE} rows (or sooner when the text would pass
 * {@link ParsedPage#MAX_CHARS}), and each continuation page repeats the sheet's first row, which is
 * nearly always the header, so a page read alone still says what its columns are. Each page begins with
 * a line naming the sheet and the spreadsheet rows it holds; rows are tab-separated cells.
 */
final class SheetPages {
    static final int ROWS_PER_PAGE = 200;
    private static final int CHAR_BUDGET = ParsedPage.MAX_CHARS - 10_000;

    private final List<ParsedPage> pages = new ArrayList<>();
    private final CancelToken cancel;
    private final int rowsPerPage;
    private String sheet;
    private String header;
    private int headerRow;
    private final StringBuilder body = new StringBuilder();
    private int firstRow, lastRow, rowsInPage;

    SheetPages(CancelToken cancel) {
        this(cancel, ROWS_PER_PAGE);
    }

    SheetPages(CancelToken cancel, int rowsPerPage) {
        this.cancel = cancel;
        this.rowsPerPage = rowsPerPage;
    }

    /** Starts a sheet; {@code name} is null for formats without sheets (CSV). */
    void startSheet(String name) {
        flush();
        cancel.throwIfCancelled();
        sheet = name;
        header = null;
    }

    /** One row; {@code rowNumber} is the 1-based row number as the spreadsheet shows it. Empty rows are skipped. */
    void row(int rowNumber, List<String> cells) {
        int last = cells.size();
        while (last > 0 && (cells.get(last - 1) == null || cells.get(last - 1).isBlank())) last--;
        if (last == 0) return;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < last; i++) {
            if (i > 0) line.append('\t');
            String c = cells.get(i);
            // A cell's own tabs and line breaks would break the row structure.
            if (c != null) line.append(c.replace('\t', ' ').replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
        }
        String text = line.length() > CHAR_BUDGET / 2 ? line.substring(0, CHAR_BUDGET / 2) : line.toString();
        if (header == null) {
            header = text;
            headerRow = rowNumber;
        }
        if (rowsInPage > 0 && (rowsInPage >= rowsPerPage || body.length() + text.length() + 1 > CHAR_BUDGET)) {
            flush();
            cancel.throwIfCancelled();
        }
        if (rowsInPage == 0) firstRow = rowNumber;
        body.append(text).append('\n');
        lastRow = rowNumber;
        rowsInPage++;
    }

    List<ParsedPage> finish() {
        flush();
        return pages;
    }

    private void flush() {
        if (rowsInPage == 0) return;
        StringBuilder page = new StringBuilder();
        page.append(sheet == null ? "Rows " : "Sheet: " + sheet + ", rows ").append(firstRow);
        if (lastRow != firstRow) page.append('–').append(lastRow);
        boolean repeat = firstRow != headerRow;
        if (repeat) page.append(" (row ").append(headerRow).append(" repeated as header)");
        page.append('\n');
        if (repeat) page.append(header).append('\n');
        page.append(body);
        pages.add(ParsedPage.text(pages.size() + 1, page.toString()));
        body.setLength(0);
        rowsInPage = 0;
    }
}
