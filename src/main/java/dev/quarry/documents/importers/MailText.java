package dev.quarry.documents.importers;

import dev.quarry.documents.Fields;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shape every e-mail takes in Quarry, whatever its file format: one page that starts with a header
 * block (From, To, Cc, Date, Subject; blank lines omitted) followed by the body, the headers also kept as
 * metadata, and attachment names made unique so each child has its own source path.
 */
final class MailText {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    final Map<String, String> headers = new LinkedHashMap<>();
    String subject;
    String from;
    Instant date;
    String body = "";
    private final Set<String> names = new HashSet<>();

    ParsedDocument document(String media) {
        StringBuilder text = new StringBuilder();
        line(text, "From", from);
        line(text, "To", headers.get("to"));
        line(text, "Cc", headers.get("cc"));
        line(text, "Bcc", headers.get("bcc"));
        line(text, "Date", date == null ? headers.get("date") : SHOWN.format(date));
        line(text, "Subject", subject);
        text.append('\n').append(body);
        String all = text.toString();
        List<ParsedPage> pages = new ArrayList<>();
        for (int i = 0; i < all.length(); i += ParsedPage.MAX_CHARS) {
            pages.add(ParsedPage.text(pages.size() + 1, all.substring(i, Math.min(all.length(), i + ParsedPage.MAX_CHARS))));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (from != null) meta.put("from", from);
        if (subject != null) meta.put("subject", subject);
        if (date != null) meta.put("date", date.toString());
        headers.forEach((k, v) -> { if (v != null && !v.isBlank()) meta.putIfAbsent(k, v); });
        return ParsedDocument.completed(media, pages).withInfo(blank(subject), blank(from), date, meta);
    }

    /** The fields an attachment inherits: the message date, so a family sorts together. */
    Map<String, String> childFields() {
        return date == null ? Map.of() : Map.of(Fields.DATE, date.toString());
    }

    /** A safe, unique file name for an attachment; {@code fallback} is used when it has none. */
    String uniqueName(String name, String fallback) {
        String n = name == null || name.isBlank() ? fallback : name.strip();
        n = n.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}!]", "_");
        if (n.length() > 150) n = n.substring(0, 150);
        String candidate = n;
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        String ext = dot > 0 ? n.substring(dot) : "";
        for (int i = 2; !names.add(candidate.toLowerCase(Locale.ROOT)); i++) candidate = stem + " (" + i + ")" + ext;
        return candidate;
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isBlank()) b.append(label).append(": ").append(value.strip().replaceAll("\\s*\\R\\s*", " ")).append('\n');
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
