package dev.quarry.documents;

import java.util.Locale;
import java.util.Optional;

/**
 * A Bates number as a prefix and a zero-padded number ("SSC0000380": "SSC", 380, 7 digits), so that a
 * number inside a document's range ("SSC0000001"–"SSC0000076") can be recognised without listing every
 * page. Prefixes compare without case; the digit widths must agree (Bates numbers are fixed width, and
 * "ABC00099" typed as a fragment of "ABC0000990" is not the number 99).
 */
public record BatesNumber(String prefix, long number, int width) {

    /** The number in {@code text}, or empty unless it is a prefix with a letter in it followed by 1 to 18 digits. */
    public static Optional<BatesNumber> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.strip();
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) >= '0' && s.charAt(i - 1) <= '9') i--;
        int width = s.length() - i;
        if (width == 0 || width > 18 || s.length() > 100) return Optional.empty();
        String prefix = s.substring(0, i).toUpperCase(Locale.ROOT);
        if (prefix.chars().noneMatch(Character::isLetter)) return Optional.empty();
        return Optional.of(new BatesNumber(prefix, Long.parseLong(s.substring(i)), width));
    }

    /** Whether this number lies in {@code begin}–{@code end} (a single page when {@code end} is blank). */
    public boolean within(String begin, String end) {
        long b = numberIn(begin);
        if (b < 0) return false;
        long e = end == null || end.isBlank() ? b : numberIn(end);
        return e >= 0 && b <= number && number <= e;
    }

    /**
     * The number of {@code bates} when it has this prefix and width, else -1. Written without parsing
     * into objects: the documents pane runs it over every row of a 100,000-document matter per keystroke.
     */
    private long numberIn(String bates) {
        if (bates == null) return -1;
        int from = 0, to = bates.length();
        while (from < to && Character.isWhitespace(bates.charAt(from))) from++;
        while (to > from && Character.isWhitespace(bates.charAt(to - 1))) to--;
        if (to - from != prefix.length() + width || !bates.regionMatches(true, from, prefix, 0, prefix.length())) return -1;
        long n = 0;
        for (int i = from + prefix.length(); i < to; i++) {
            char c = bates.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** How many pages into {@code begin} this number is (0 for begin itself); only meaningful when {@link #within}. */
    public long offsetFrom(String begin) {
        return parse(begin).map(b -> number - b.number).orElse(-1L);
    }

}
