package dev.quarry.deficiency;

import java.util.Locale;
import java.util.Set;

/**
 * Party names compared as people read them: case, punctuation and the company form (Inc., LLC, Ltd., Corp.,
 * Co., Company, Limited, ...) aside, on whole words.
 */
final class Parties {
    private static final Set<String> FORMS = Set.of("inc", "incorporated", "llc", "l", "c", "ltd", "limited", "corp", "corporation",
            "co", "company", "lp", "llp", "plc", "sa", "ag", "gmbh", "nv", "bv", "the");

    private Parties() {}

    static String normalise(String name) {
        StringBuilder sb = new StringBuilder();
        // Initials written with full stops are one word: "A.B. Watley" is "ab watley", "L.P." is the form "lp".
        String collapsed = name.replaceAll("(?<![\\p{L}])(\\p{L})\\.(?=\\p{L}\\.)", "$1").replaceAll("(?<=(?<![\\p{L}])\\p{L}{2})\\.(?=\\p{L}\\.)", "");
        collapsed = collapsed.replaceAll("(?<![\\p{L}])(\\p{L}{2,4})\\.", "$1 ");
        for (String w : collapsed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ")) {
            if (w.isEmpty() || FORMS.contains(w)) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(w);
        }
        return sb.toString();
    }

    /** Where the party is named in the text (start, end in the text), or null. */
    static int[] find(String text, String party) {
        String want = normalise(party);
        if (want.isEmpty()) return null;
        String[] parts = want.split(" ");
        // Build a regex over the original text: the words in order, anything but letters and digits between.
        StringBuilder re = new StringBuilder("(?iu)(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append("[^\\p{L}\\p{N}]+");
            // Each word's letters may be written with full stops between them ("ab" matches "A.B").
            String w = parts[i];
            for (int k = 0; k < w.length(); k++) {
                if (k > 0) re.append("\\.?");
                re.append(java.util.regex.Pattern.quote(String.valueOf(w.charAt(k))));
            }
        }
        re.append("(?![\\p{L}\\p{N}])");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(re.toString()).matcher(text);
        return m.find() ? new int[] {m.start(), m.end()} : null;
    }
}
