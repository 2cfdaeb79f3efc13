package dev.quarry.qa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Words, stop words and a light stemmer shared by the answerability check, verification and the fallback retriever. */
public final class Terms {
    private Terms() {}

    /** English function words plus the words people use to frame a question about documents. */
    static final Set<String> STOP = Set.of(("a an the and or but if then else of to in on at by for with from into onto "
            + "about above below over under between through during before after again further once here there when where "
            + "why how what which who whom whose this that these those is are was were be been being am do does did done "
            + "doing have has had having can could should would may might must shall will it its it's they them their "
            + "theirs we us our you your he him his she her hers i me my mine not no nor only own same so than too very "
            + "any all both each few more most other some such as also just s t can't won't don't doesn't didn't isn't "
            + "document documents documents' matter say says said mention mentions mentioned tell describe describes "
            + "regarding concerning according give list show find anything something please there's whether per "
            + "many much").split(" "));

    /** Lower-cased words: letters and digits, keeping inner apostrophes, hyphens and ampersands; "'s" dropped. */
    public static List<String> words(String text) {
        // A hand-written scanner: this runs over every chunk of a matter when the fallback index loads.
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        StringBuilder w = new StringBuilder(24);
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            w.setLength(0);
            while (i < n) {
                c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) w.append(Character.toLowerCase(c));
                else if (c == '\'' || c == '’' || c == '-' || c == '&') w.append(c == '’' ? '\'' : c);
                else break;
                i++;
            }
            int len = w.length();
            while (len > 0 && (w.charAt(len - 1) == '\'' || w.charAt(len - 1) == '-' || w.charAt(len - 1) == '&')) len--;
            if (len >= 2 && w.charAt(len - 2) == '\'' && w.charAt(len - 1) == 's') len -= 2;
            if (len > 0) out.add(w.substring(0, len));
        }
        return out;
    }

    public static boolean isStop(String w) {
        return STOP.contains(w) || (w.length() < 2 && !Character.isDigit(w.charAt(0)));
    }

    /** Distinct content words in order of appearance. */
    public static List<String> content(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words(text)) if (!isStop(w)) out.add(w);
        return new ArrayList<>(out);
    }

    /** A light suffix stemmer: "terminate", "terminated", "termination" → "termin". Good enough for overlap. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> STEMS = new java.util.concurrent.ConcurrentHashMap<>();

    public static String stem(String w) {
        if (w.length() <= 4 || Character.isDigit(w.charAt(0))) return w;
        String cached = STEMS.get(w);
        if (cached != null) return cached;
        String s = stemUncached(w);
        if (STEMS.size() < 500_000) STEMS.put(w, s);
        return s;
    }

    private static String stemUncached(String w) {
        String[] suffixes = {"ational", "ations", "ation", "ments", "ment", "ings", "ing", "ness", "ities", "ity",
                "ives", "ive", "ions", "ion", "ies", "ied", "ers", "er", "ed", "es", "ly", "s", "e"};
        for (String s : suffixes) {
            if (w.endsWith(s) && w.length() - s.length() >= 4) {
                String base = w.substring(0, w.length() - s.length());
                if (s.equals("ies") || s.equals("ied") || s.equals("ities") || s.equals("ity")) base = base + "i";
                return base.endsWith("at") && base.length() > 5 ? base.substring(0, base.length() - 2) : base;
            }
        }
        return w;
    }

    public static Set<String> stems(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words(text)) if (!isStop(w)) out.add(stem(w));
        return out;
    }

    /** Lower-cased with runs of whitespace and typographic quotes normalised, for exact-quote checks. */
    public static String normalise(String s) {
        return dev.quarry.evidence.QuoteCheck.normalise(s);
    }

    /**
     * A question as the review lookup compares it: lower case, punctuation gone, whitespace collapsed, so
     * that "What is the fee?" and " what is the FEE " are the same question.
     */
    public static String questionKey(String question) {
        String plain = normalise(question).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return dev.quarry.core.Hashing.sha256(plain);
    }
}
