package dev.quarry.documents;

import java.nio.file.Path;
import java.util.Map;

/**
 * One file to import.
 *
 * @param file        where its bytes are readable now (the original path, or the matter's stored copy)
 * @param fileName    the name the user knows it by (last path segment, attachment or ZIP entry name)
 * @param sourcePath  where it came from, for display and provenance: {@code /prod/vol1.zip!/mail/a.eml!/att.pdf}
 * @param size        bytes
 * @param fields      load-file fields for this document (BEGBATES, ENDBATES, CUSTODIAN, …); empty otherwise
 */
public record Source(Path file, String fileName, String sourcePath, long size, Map<String, String> fields) {

    public Source {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** The lower-case extension without the dot, or "" when there is none. */
    public String extension() {
        String n = fileName;
        int dot = n.lastIndexOf('.');
        return dot < 0 || dot == n.length() - 1 ? "" : n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
