package dev.quarry.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, sizes, durations and times as people read them. Pure functions, unit-tested. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {}

    public static String bytes(long b) {
        if (b < 1024) return b + " B";
        double v = b;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    private static final java.util.Map<String, String> KINDS = java.util.Map.ofEntries(
            java.util.Map.entry("application/pdf", "PDF"),
            java.util.Map.entry("application/msword", "Word (.doc)"),
            java.util.Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
            java.util.Map.entry("application/vnd.ms-excel", "Excel (.xls)"),
            java.util.Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
            java.util.Map.entry("message/rfc822", "E-mail"),
            java.util.Map.entry("application/vnd.ms-outlook", "Outlook message"),
            java.util.Map.entry("text/plain", "Text"),
            java.util.Map.entry("text/markdown", "Markdown"),
            java.util.Map.entry("text/html", "Web page"),
            java.util.Map.entry("text/csv", "CSV"),
            java.util.Map.entry("text/tab-separated-values", "TSV"),
            java.util.Map.entry("text/calendar", "Calendar"));

    /** A media type as a person names that kind of file ("PDF", "E-mail"); an unknown one as it is. */
    public static String mediaType(String mediaType) {
        return mediaType == null ? "" : KINDS.getOrDefault(mediaType.toLowerCase(java.util.Locale.ROOT), mediaType);
    }

    public static String count(long n) {
        return String.format(Locale.getDefault(), "%,d", n);
    }

    /** "1 h 02 min", "3 min 05 s", "42 s". */
    public static String duration(Duration d) {
        if (d == null) return "—";
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return s + " s";
    }

    public static String rate(double perSecond) {
        return perSecond >= 10 ? String.format(Locale.ROOT, "%.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    public static String batesRange(String begin, String end) {
        if (begin == null || begin.isBlank()) return "";
        if (end == null || end.isBlank() || end.equals(begin)) return begin;
        return begin + " – " + end;
    }

    /** "SSC0000001.txt (Supply Agreement.txt)": the stored name with the producer's original one beside it. */
    public static String withOriginalName(String fileName, String originalName) {
        if (originalName == null || originalName.isBlank() || originalName.equals(fileName)) return fileName;
        return fileName + " (" + originalName + ")";
    }
}
