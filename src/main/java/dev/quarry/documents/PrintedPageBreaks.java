package dev.quarry.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one text page into a production's pages where the text prints them: each page's Bates stamp on a
 * line of its own (or at the start or end of a short line, as {@link BatesDetector} finds stamps), or a
 * "Page 3 of 76" line. The producer's text of an imaged document, and text natives a tool stamped, carry
 * these; a text with neither (the CUAD-based dev productions) is left whole rather than cut at guesses.
 *
 * <p>Every page's marker must be found, in page order; markers out of order or missing mean the text's
 * pages cannot be lined up with the load file's, and nothing is split. When the text before the first
 * marker is blank the markers head their pages, else they foot them.
 *
 * <p>Offsets: the line break that ends a page (its last character, "\n" or a lone "\r") is the page
 * separator, so the document's full text (pages joined with one form feed) has the file's length and every
 * offset into it is an offset into the file's decoded characters. A CRLF page therefore ends in "\r".
 */
final class PrintedPageBreaks {
    private static final Pattern PAGE_OF = Pattern.compile("(?i)^[-\\s]*page\\s+(\\d{1,6})\\s+of\\s+(\\d{1,6})[-\\s.]*$");
    /** A marker line is short; a long line naming a Bates number is a reference in the text, not a stamp. */
    private static final int MAX_MARKER_LINE = 120;

    private PrintedPageBreaks() {}

    /** The page split into {@code bates.size()} pages at its printed markers, or the page alone. */
    static List<ParsedPage> split(ParsedPage page, List<String> bates) {
        int n = bates.size();
        if (n < 2 || page.layout() != null || page.imageOnly() || page.text().isEmpty()) return List.of(page);
        String text = page.text();
        List<int[]> lines = lines(text);
        int[] found = markers(text, lines, bates, true);
        if (found == null) found = markers(text, lines, bates, false);
        if (found == null) return List.of(page);

        boolean header = text.substring(0, lines.get(found[0])[0]).isBlank();
        // cut[i] = index of the separator character between page i and page i + 1.
        int[] cut = new int[n - 1];
        for (int i = 0; i < n - 1; i++) {
            int at = header ? lines.get(found[i + 1])[0] - 1 : lines.get(found[i])[2] - 1;
            if (at < 0 || at >= text.length() || (text.charAt(at) != '\n' && text.charAt(at) != '\r')) return List.of(page);
            cut[i] = at;
        }
        List<ParsedPage> out = new ArrayList<>(n);
        int from = 0;
        for (int i = 0; i < n; i++) {
            int to = i < n - 1 ? cut[i] : text.length();
            if (to < from) return List.of(page);
            out.add(ParsedPage.text(page.number() + i, text.substring(from, to)));
            from = to + 1;
        }
        return out;
    }

    /** Each line as {start, end without its break, end with its break}. */
    private static List<int[]> lines(String text) {
        List<int[]> out = new ArrayList<>();
        int start = 0, len = text.length();
        while (start < len) {
            int end = start;
            while (end < len && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
            int next = end >= len ? len
                    : text.charAt(end) == '\r' && end + 1 < len && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            out.add(new int[] {start, end, next});
            start = next;
        }
        return out;
    }

    /**
     * The line index of each page's marker, in order, or null when one is missing. {@code stamps}: the
     * pages' Bates numbers; else "Page i of n".
     */
    private static int[] markers(String text, List<int[]> lines, List<String> bates, boolean stamps) {
        int n = bates.size();
        int[] found = new int[n];
        int page = 0;
        for (int li = 0; li < lines.size() && page < n; li++) {
            int[] l = lines.get(li);
            if (l[1] - l[0] > MAX_MARKER_LINE) continue;
            String line = text.substring(l[0], l[1]);
            if (stamps ? isStamp(line, bates.get(page)) : isPageOf(line, page + 1, n)) found[page++] = li;
        }
        return page == n ? found : null;
    }

    private static boolean isStamp(String line, String bates) {
        String upper = line.toUpperCase(Locale.ROOT);
        String want = bates.strip().toUpperCase(Locale.ROOT);
        if (!upper.contains(want)) return false;
        String stamp = BatesDetector.detectOnLine(upper);
        return want.equals(stamp);
    }

    private static boolean isPageOf(String line, int page, int pages) {
        Matcher m = PAGE_OF.matcher(line);
        return m.matches() && Integer.parseInt(m.group(1)) == page && Integer.parseInt(m.group(2)) == pages;
    }
}
