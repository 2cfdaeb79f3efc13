package dev.quarry.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one verbatim check: is a quotation really in a text, and where. Comparison ignores case, runs of
 * whitespace, typographic quotes and dashes, and the punctuation at the quotation's edges; an elision
 * ("…", "...", "[…]") splits the quotation into parts that must each be there, in order. Q&A's citation
 * check, grid cells and deficiency evidence all use it, so a quote is verified the same way everywhere.
 */
public final class QuoteCheck {
    private static final Pattern ELLIPSIS = Pattern.compile("\\s*(?:…|\\.\\s?\\.\\s?\\.|\\[\\s*(?:…|\\.\\.\\.)\\s*])\\s*");

    private QuoteCheck() {}

    /** Where a quotation was found: offsets into the text as given (not normalised), end exclusive. */
    public record Span(int start, int end) {}

    /** Lower-cased with runs of whitespace and typographic quotes and dashes normalised. */
    public static String normalise(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = fold(s.charAt(i));
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && sb.length() > 0) sb.append(' ');
            space = false;
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /**
     * The quotation's parts as they must appear: normalised, trimmed of edge punctuation, cut at each elision.
     * An empty or punctuation-only quotation gives one empty part (which is in every text).
     */
    public static List<String> parts(String quote) {
        List<String> parts = new ArrayList<>();
        for (String part : ELLIPSIS.split(quote)) {
            String p = normalise(part).replaceAll("^[.,;: ]+|[.,;: ]+$", "");
            if (!p.isEmpty()) parts.add(p);
        }
        return parts.isEmpty() ? List.of("") : parts;
    }

    /** Whether every part of the quotation is in the text, in order. */
    public static boolean contains(String text, String quote) {
        return locate(text, quote).isPresent();
    }

    /**
     * The span of the text from the quotation's first part to the end of its last, or empty when any part
     * is missing. A blank quotation is never located (there is nothing to show).
     */
    public static Optional<Span> locate(String text, String quote) {
        if (text == null || quote == null || quote.isBlank()) return Optional.empty();
        List<String> parts = parts(quote);
        if (parts.size() == 1 && parts.get(0).isEmpty()) return Optional.empty();
        // Normalise the text while remembering where each normalised character came from.
        StringBuilder norm = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 1];
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && norm.length() > 0) {
                origin[norm.length()] = i - 1;
                norm.append(' ');
            }
            space = false;
            origin[norm.length()] = i;
            norm.append(Character.toLowerCase(c));
        }
        String n = norm.toString();
        int from = 0;
        int first = -1;
        int lastEnd = -1;
        for (String p : parts) {
            int at = n.indexOf(p, from);
            if (at < 0) return Optional.empty();
            if (first < 0) first = at;
            from = at + p.length();
            lastEnd = from;
        }
        return Optional.of(new Span(origin[first], origin[lastEnd - 1] + 1));
    }

    private static char fold(char c) {
        return switch (c) {
            case '“', '”', '„', '″' -> '"';
            case '‘', '’', '′' -> '\'';
            case '–', '—', '‑' -> '-';
            case '\u00a0', '\u2007', '\u202f' -> ' ';
            default -> c;
        };
    }
}
