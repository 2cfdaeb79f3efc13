package dev.quarry.letters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a polished letter still says what the draft said where it matters (issue 16 part 4): every
 * request number, Bates number, date and quotation, and every provenance marker, as often as in the
 * draft. Wording around them may change; these may not. The difference is given item by item.
 */
public final class PolishCheck {
    public record Result(boolean ok, List<String> missing, List<String> added) {
        /** One sentence per difference, for the user. */
        public String describe() {
            List<String> s = new ArrayList<>();
            for (String m : missing) s.add("missing from the polished text: " + m);
            for (String a : added) s.add("not in the draft: " + a);
            return String.join("\n", s);
        }
    }

    static final Pattern REQUEST = Pattern.compile("\\b(?:Nos?\\.|Numbers?|Demands? for Production|Requests? for Production)\\s*((?:\\d+[A-Za-z]?(?:\\s*(?:,|and|,\\s*and)\\s*)?)+)");
    static final Pattern NUMBER = Pattern.compile("\\d+[A-Za-z]?");
    static final Pattern BATES = Pattern.compile("\\b[A-Z]{2,8}[-_]?\\d{4,10}\\b");
    static final Pattern DATE = Pattern.compile("\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{1,2},\\s+\\d{4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b");
    static final Pattern QUOTE = Pattern.compile("\u201c([^\u201d]{3,})\u201d|\"([^\"\\n]{3,})\"");

    private PolishCheck() {}

    public static Result check(String draft, String polished) {
        Map<String, Integer> a = items(draft);
        Map<String, Integer> b = items(polished);
        List<String> missing = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (var e : a.entrySet()) {
            int n = b.getOrDefault(e.getKey(), 0);
            if (n < e.getValue()) missing.add(e.getKey() + (e.getValue() - n > 1 || e.getValue() > 1 ? " (" + (e.getValue() - n) + " of " + e.getValue() + ")" : ""));
        }
        for (var e : b.entrySet()) {
            int n = a.getOrDefault(e.getKey(), 0);
            if (e.getValue() > n) added.add(e.getKey());
        }
        return new Result(missing.isEmpty() && added.isEmpty(), missing, added);
    }

    /** The checked items of a text with their counts: "request 7", "Bates SSC0000077", "date ...", "quotation ...", "marker ...". */
    static Map<String, Integer> items(String text) {
        Map<String, Integer> m = new TreeMap<>();
        String t = text == null ? "" : text;
        Matcher mk = Provenance.MARKER.matcher(t);
        while (mk.find()) m.merge("marker " + mk.group(), 1, Integer::sum);
        String body = t.replaceAll("(?s)<!--.*?-->", "");
        // Markdown escapes do not count as changes
        String plain = body.replaceAll("\\\\([\\\\*_`\\[\\]<|#>+=-])", "$1");
        Matcher r = REQUEST.matcher(plain);
        while (r.find()) {
            Matcher n = NUMBER.matcher(r.group(1));
            while (n.find()) m.merge("request " + n.group(), 1, Integer::sum);
        }
        Matcher bt = BATES.matcher(plain);
        while (bt.find()) m.merge("Bates " + bt.group(), 1, Integer::sum);
        Matcher d = DATE.matcher(plain);
        while (d.find()) m.merge("date " + d.group().replaceAll("\\s+", " "), 1, Integer::sum);
        Matcher q = QUOTE.matcher(plain);
        while (q.find()) {
            String s = q.group(1) != null ? q.group(1) : q.group(2);
            m.merge("quotation \u201c" + s.strip().replaceAll("\\s+", " ") + "\u201d", 1, Integer::sum);
        }
        // block quotations (the requests and responses as written): each line, whitespace normalised
        for (String line : plain.split("\n")) {
            String l = line.strip();
            if (l.startsWith(">")) {
                String qt = l.replaceFirst("^>\\s?", "").strip();
                if (!qt.isEmpty()) m.merge("block quotation \u201c" + qt.replaceAll("\\s+", " ") + "\u201d", 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
