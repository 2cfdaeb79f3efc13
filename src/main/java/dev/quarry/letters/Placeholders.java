package dev.quarry.letters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must not be sent: a missing value the template showed as ⟦name⟧, a Mustache tag a firm's
 * template left unresolved, and the usual drafting placeholders ([NAME], [DATE], TBD, XX/XX/XXXX, ____).
 */
public final class Placeholders {
    private static final Pattern[] PATTERNS = {
            Pattern.compile("\u27e6[^\u27e7]*\u27e7"),
            Pattern.compile("\\{\\{[^}]*}}"),
            Pattern.compile("\\[(?:[A-Z][A-Z _/-]{2,}|insert[^\\]]*|TBD|tbd)]"),
            Pattern.compile("\\bTBD\\b|\\bTK\\b|\\bXX/XX/XX(?:XX)?\\b|_{4,}|\\bLorem ipsum\\b"),
    };

    private Placeholders() {}

    public static List<String> find(String text) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        String t = text == null ? "" : text.replaceAll("(?s)<!--.*?-->", "");
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(t);
            while (m.find()) out.add(m.group().replace("\\", ""));
        }
        return new ArrayList<>(out);
    }
}
