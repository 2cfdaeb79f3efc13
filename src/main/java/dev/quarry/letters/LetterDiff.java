package dev.quarry.letters;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/** The difference between two versions of a letter, line by line (java-diff-utils, Myers). */
public record LetterDiff(int from, int to, List<Line> lines, String unified, int added, int removed) {
    public enum Kind { SAME, ADDED, REMOVED }

    public record Line(Kind kind, String text) {}

    public static LetterDiff of(long letterId, LetterVersion a, LetterVersion b) {
        List<String> x = a.content().lines().toList();
        List<String> y = b.content().lines().toList();
        Patch<String> patch = DiffUtils.diff(x, y);
        List<Line> out = new ArrayList<>();
        int pos = 0;
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            for (; pos < d.getSource().getPosition(); pos++) out.add(new Line(Kind.SAME, x.get(pos)));
            for (String s : d.getSource().getLines()) { out.add(new Line(Kind.REMOVED, s)); removed++; }
            for (String s : d.getTarget().getLines()) { out.add(new Line(Kind.ADDED, s)); added++; }
            pos += d.getSource().size();
        }
        for (; pos < x.size(); pos++) out.add(new Line(Kind.SAME, x.get(pos)));
        String name = "letter-" + letterId;
        List<String> u = UnifiedDiffUtils.generateUnifiedDiff(name + " v" + a.version(), name + " v" + b.version(), x, patch, 2);
        return new LetterDiff(a.version(), b.version(), out, String.join("\n", u) + (u.isEmpty() ? "" : "\n"), added, removed);
    }
}
