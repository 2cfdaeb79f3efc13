package dev.quarry.documents.importers;

import dev.quarry.documents.LoadFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits the decoded text of a Concordance DAT into rows of fields. Values are quoted with þ and may
 * hold line breaks (as real CR/LF, or as ® — Concordance's stand-in for a newline — which becomes "\n").
 * The separator is whatever follows the first quoted header name (DC4, ¶, or a comma in some tools).
 *
 * <p>Concordance has no escape for þ inside a value, so a þ closes a value only when a separator or
 * the end of the line follows it; a stray þ in Icelandic text stays part of the value.
 */
final class ConcordanceDat {
    private static final char QUOTE = LoadFiles.QUOTE;
    private static final char NEWLINE_STAND_IN = '\u00AE';

    private ConcordanceDat() {}

    /** Passes each row, header first, to {@code rows}. Blank lines between rows are skipped. */
    static void read(String text, Consumer<List<String>> rows) {
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        char sep = separator(text, start);
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuote = false, quoted = false;
        int n = text.length();
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (inQuote) {
                if (c == QUOTE && closes(text, i + 1, sep)) {
                    inQuote = false;
                } else {
                    field.append(c == NEWLINE_STAND_IN ? '\n' : c);
                }
            } else if (c == QUOTE && field.length() == 0 && !quoted) {
                inQuote = quoted = true;
            } else if (c == sep) {
                row.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\r' || c == '\n') {
                if (!row.isEmpty() || field.length() > 0 || quoted) {
                    row.add(field.toString());
                    rows.accept(row);
                    row = new ArrayList<>();
                }
                field.setLength(0);
                quoted = false;
            } else {
                field.append(c);
            }
        }
        if (!row.isEmpty() || field.length() > 0 || quoted) {
            row.add(field.toString());
            rows.accept(row);
        }
    }

    private static boolean closes(String text, int next, char sep) {
        if (next >= text.length()) return true;
        char c = text.charAt(next);
        return c == sep || c == '\r' || c == '\n';
    }

    /** The character between the first two quoted header names; DC4 when the header has one column. */
    static char separator(String text, int from) {
        for (int i = from + 1; i + 2 < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') break;
            if (c == QUOTE && text.charAt(i + 2) == QUOTE) return text.charAt(i + 1);
        }
        return '\u0014';
    }
}
