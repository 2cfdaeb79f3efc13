package dev.quarry.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sentence spans in a chunk's text, for quotes: a quote is the sentence that holds the evidence, capped in length. */
final class Sentences {
    private Sentences() {}

    /** Longest quote taken from a sentence: a long run-on clause is cut around the evidence. */
    static final int MAX_QUOTE = 400;

    private static final Pattern END = Pattern.compile("(?<=[.;:!?])\\s+(?=[\"“(\\[A-Z0-9])|\\n\\s*\\n|\\n(?=\\s*(?:\\d+(?:\\.\\d+)*\\.?|\\([a-z0-9]+\\)|[A-Z][A-Z ]{3,})\\s)");
    /** Abbreviations after which a full stop does not end the sentence. */
    private static final Pattern ABBREV = Pattern.compile("(?i)(?:\\b(?:inc|corp|co|ltd|no|nos|sec|secs|art|mr|mrs|ms|dr|st|u\\.s|e\\.g|i\\.e|vs|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|llc|l\\.p|n\\.a)\\.|\\b[A-Z]\\.)$");

    record Span(int start, int end) {}

    static List<Span> split(String text) {
        List<Span> out = new ArrayList<>();
        Matcher m = END.matcher(text);
        int start = 0;
        while (m.find()) {
            String before = text.substring(Math.max(start, m.start() - 8), m.start());
            if (ABBREV.matcher(before).find()) continue;
            add(out, text, start, m.start());
            start = m.end();
        }
        add(out, text, start, text.length());
        return out;
    }

    private static void add(List<Span> out, String text, int s, int e) {
        while (s < e && Character.isWhitespace(text.charAt(s))) s++;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        if (e > s) out.add(new Span(s, e));
    }

    /** The sentence holding [from, to), cut to {@link #MAX_QUOTE} characters around it. */
    static Span around(String text, int from, int to) {
        for (Span s : split(text)) {
            if (s.start() <= from && to <= s.end()) return cap(text, s, from, to);
        }
        return cap(text, new Span(Math.max(0, from - 150), Math.min(text.length(), to + 150)), from, to);
    }

    private static Span cap(String text, Span s, int from, int to) {
        if (s.end() - s.start() <= MAX_QUOTE) return s;
        int room = Math.max(0, MAX_QUOTE - (to - from));
        int start = Math.max(s.start(), from - room / 2);
        int end = Math.min(s.end(), Math.max(to, start + MAX_QUOTE));
        // Start and end on word boundaries so the quote reads as words.
        while (start > s.start() && start < from && !Character.isWhitespace(text.charAt(start - 1))) start++;
        while (end < s.end() && end > to && !Character.isWhitespace(text.charAt(end))) end--;
        return new Span(start, end);
    }
}
