package dev.quarry.letters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a letter's paragraphs came from: an HTML comment before each drafted section,
 * {@code <!-- quarry: request=7 report=12 version=3 -->} (or {@code request=-} for the part about the
 * responses as a whole). Comments are invisible in the preview and never exported, and they travel with
 * the text through edits, so each version knows which request and which report version its sections
 * were written from.
 */
public final class Provenance {
    static final Pattern MARKER = Pattern.compile("<!--\\s*quarry:\\s*request=(\\S+)\\s+report=(\\d+)\\s+version=(\\d+)\\s*-->");

    public record Mark(int ordinal, String requestNumber, long reportId, int reportVersion) {}

    private Provenance() {}

    public static String marker(String requestNumber, long reportId, int version) {
        return "<!-- quarry: request=" + (requestNumber == null ? "-" : requestNumber.strip().replace(' ', '_'))
                + " report=" + reportId + " version=" + version + " -->";
    }

    public static List<Mark> read(String markdown) {
        List<Mark> out = new ArrayList<>();
        Matcher m = MARKER.matcher(markdown == null ? "" : markdown);
        int i = 0;
        while (m.find()) {
            String req = m.group(1).equals("-") ? null : m.group(1);
            out.add(new Mark(i++, req, Long.parseLong(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return out;
    }
}
