package dev.quarry.deficiency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Paragraphs of a discovery document as the importers extracted it. A DOCX comes as one line per paragraph;
 * a PDF as printed lines with a footer on every page (page number, case number and title), so its lines are
 * joined back into paragraphs: a paragraph ends at a short line or a heading, and the lines every page repeats
 * are dropped.
 */
final class DiscoveryText {
    private DiscoveryText() {}

    /** Lines that always open a paragraph of a pleading. */
    static final Pattern STARTS = Pattern.compile(
            "^(?:(?:RESPONSE\\s+TO\\s+)?(?:REQUEST|DEMAND)\\s+(?:FOR\\s+PRODUCTION\\s+)?(?:OF\\s+DOCUMENTS\\s+)?NO\\.|"
                    + "\\([a-z]\\)\\s|\\d{1,2}\\.\\s*[\"A-Z“]|DEFINITIONS\\b|INSTRUCTIONS\\b|GENERAL OBJECTIONS|PRELIMINARY STATEMENT|"
                    + "SPECIFIC (?:RESPONSES|OBJECTIONS)|REQUESTS FOR PRODUCTION$|VERIFICATION$|Dated:|Subject to and without waiving|"
                    + "PROPOUNDING PARTY|RESPONDING PARTY|SET NO|By:|I declare|Executed on|In light of|Responding Party (?:is|will)|"
                    + "Defendant (?:is willing|stands|will)|Plaintiff (?:is willing|stands|will)|After a diligent)");
    private static final Pattern PAGE_NUMBER = Pattern.compile("^\\s*(?:-\\s*)?\\d{1,4}(?:\\s*-)?\\s*$|^\\s*Page \\d+ of \\d+\\s*$");

    /** The document's paragraphs, trimmed, blank ones dropped. */
    static List<String> paragraphs(List<String> pages, boolean printed) {
        List<String> lines = printed ? withoutFooters(pages) : allLines(pages);
        if (!printed) {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                String t = l.strip();
                if (!t.isEmpty()) out.add(t);
            }
            return out;
        }
        int width = 0;
        for (String l : lines) width = Math.max(width, l.strip().length());
        int shortLine = (int) (width * 0.72);
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String prev = null;
        for (String raw : lines) {
            String l = raw.strip();
            if (l.isEmpty()) {
                flush(cur, out);
                prev = null;
                continue;
            }
            boolean start = STARTS.matcher(l).find() || heading(l);
            if (prev != null && (start || endsParagraph(prev, shortLine) || heading(prev))) flush(cur, out);
            if (cur.length() > 0) {
                // A word broken at a hyphen at the line's end is joined without a space.
                if (cur.charAt(cur.length() - 1) == '-' && cur.length() > 1 && Character.isLowerCase(cur.charAt(cur.length() - 2))
                        && Character.isLowerCase(l.charAt(0))) {
                    cur.append(l);
                } else {
                    cur.append(' ').append(l);
                }
            } else {
                cur.append(l);
            }
            prev = l;
        }
        flush(cur, out);
        return out;
    }

    private static boolean endsParagraph(String line, int shortLine) {
        char last = line.charAt(line.length() - 1);
        if (last == ':') return true;
        return line.length() < shortLine && (last == '.' || last == ';' || last == ')' || last == '"' || last == '”');
    }

    /** An upper-case line without a sentence's end: a heading of its own. */
    static boolean heading(String l) {
        if (l.length() > 80 || l.length() < 4) return false;
        int letters = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (Character.isLetter(c)) {
                if (Character.isLowerCase(c)) return false;
                letters++;
            }
        }
        return letters >= 4 && !l.endsWith(",") && !l.contains(", a ");
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) out.add(cur.toString().strip());
        cur.setLength(0);
    }

    private static List<String> allLines(List<String> pages) {
        List<String> out = new ArrayList<>();
        for (String p : pages) out.addAll(List.of(p.split("\\R", -1)));
        return out;
    }

    /** Lines of every page without the page numbers and the lines that repeat at the foot of most pages. */
    static List<String> withoutFooters(List<String> pages) {
        Map<String, Integer> tails = new HashMap<>();
        List<String[]> split = new ArrayList<>();
        for (String p : pages) {
            String[] ls = p.split("\\R", -1);
            split.add(ls);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = Math.max(0, ls.length - 4); i < ls.length; i++) {
                String t = ls[i].strip();
                if (!t.isEmpty() && seen.add(t)) tails.merge(t, 1, Integer::sum);
            }
        }
        int threshold = Math.max(2, (pages.size() + 1) / 2);
        List<String> out = new ArrayList<>();
        for (String[] ls : split) {
            int end = ls.length;
            while (end > 0) {
                String t = ls[end - 1].strip();
                if (t.isEmpty() || PAGE_NUMBER.matcher(t).matches() || (pages.size() > 1 && tails.getOrDefault(t, 0) >= threshold)) end--;
                else break;
            }
            for (int i = 0; i < end; i++) out.add(ls[i]);
        }
        return out;
    }

    /** The line most pages end with (the footer: "case number - title"), or null. */
    static String footer(List<String> pages) {
        Map<String, Integer> count = new HashMap<>();
        for (String p : pages) {
            String[] ls = p.strip().split("\\R");
            for (int i = ls.length - 1; i >= Math.max(0, ls.length - 3); i--) {
                String t = ls[i].strip();
                if (t.length() > 10 && !PAGE_NUMBER.matcher(t).matches()) {
                    count.merge(t, 1, Integer::sum);
                    break;
                }
            }
        }
        return count.entrySet().stream().filter(e -> e.getValue() >= Math.max(1, (pages.size() + 1) / 2))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
