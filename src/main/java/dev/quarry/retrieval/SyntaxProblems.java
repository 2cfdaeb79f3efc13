package dev.quarry.retrieval;

import java.util.Locale;
import org.apache.lucene.queryparser.classic.ParseException;

/**
 * Why keyword text is not valid search syntax, as a clause a reviewer can act on ("a quotation mark is not
 * closed"). Lucene's own message lists the parser's expected tokens, which nobody outside Lucene can read;
 * the common mistakes are found in the text itself, and anything else is named by where the parser stopped.
 */
final class SyntaxProblems {
    private SyntaxProblems() {}

    static String explain(String text, Exception e) {
        String own = e.getMessage() == null ? "" : e.getMessage();
        if (own.contains(" needs a number, not ")) return own;
        if (own.contains("not allowed as first character")) return "a word cannot start with * or ? (put letters before it)";
        int quotes = 0, parens = 0, ranges = 0, slashes = 0;
        boolean inQuote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '"') {
                quotes++;
                inQuote = !inQuote;
            }
            if (inQuote) continue;
            switch (c) {
                case '(' -> parens++;
                case ')' -> {
                    if (--parens < 0) return "a closing parenthesis has no opening one";
                }
                case '[', '{' -> ranges++;
                case ']', '}' -> ranges--;
                case '/' -> slashes++;
                default -> { }
            }
        }
        if (quotes % 2 == 1) return "a quotation mark is not closed";
        if (parens > 0) return "a parenthesis is not closed";
        if (ranges != 0) return "a range in [ ] or { } is not closed";
        if (slashes % 2 == 1) return "a / starts a regular expression that is not closed (write \\/ for a slash)";
        String[] words = text.strip().split("\\s+");
        if (words.length > 0 && isOperator(words[0]) || words.length > 0 && isOperator(words[words.length - 1])) {
            return "AND, OR and NOT need words on both sides";
        }
        if (text.strip().endsWith(":")) return "a field name needs a value after its colon";
        if (e instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null
                && pe.currentToken.next.image != null && !pe.currentToken.next.image.isEmpty()) {
            return "it is not valid keyword syntax at \"" + pe.currentToken.next.image + "\"";
        }
        return "it is not valid keyword syntax";
    }

    private static boolean isOperator(String w) {
        String u = w.toUpperCase(Locale.ROOT);
        return w.equals(u) && (u.equals("AND") || u.equals("OR") || u.equals("NOT") || u.equals("&&") || u.equals("||"));
    }
}
