package dev.quarry.documents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one import job made of its files, read back from its work list: the count of files in each end
 * state, and each file that did not end completed, with its reason. Built from the database, so a job
 * that was resumed reports all of its files, not only those of the last run.
 *
 * <p>States: {@code completed}, {@code failed}, {@code needs_ocr}, {@code password_required} (the
 * document this file became), {@code duplicate} (the content was already in the matter: the file was
 * added as another source of that document), {@code pending} (not read yet: the job was cancelled;
 * counted, not listed).
 * Containers (a ZIP, a load file) are counted apart: their contents are files of the same job.
 */
public record ImportSummary(Map<String, Long> counts, long containers, List<Entry> notCompleted, List<Entry> duplicates) {

    /** The end states, in the order they are shown. */
    public static final List<String> STATES = List.of("completed", "failed", "needs_ocr", "password_required", "duplicate", "pending");

    /**
     * One file. For a document: its id, name, status and reason. For a duplicate: the document it
     * duplicates ({@code documentId}, {@code documentName}, and that document's status and reason).
     */
    public record Entry(String path, String fileName, String state, String reason, Long documentId,
                        String documentName, String documentStatus) {}

    public ImportSummary {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String s : STATES) ordered.put(s, counts.getOrDefault(s, 0L));
        counts = java.util.Collections.unmodifiableMap(ordered);
        notCompleted = List.copyOf(notCompleted);
        duplicates = List.copyOf(duplicates);
    }

    public long count(String state) {
        return counts.getOrDefault(state, 0L);
    }

    /** Files that are documents (or copies of one): everything but containers. */
    public long files() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Duplicates of a document that was not read: the copy is no more readable than the original. */
    public long duplicatesNotRead() {
        return duplicates.stream().filter(d -> !"completed".equals(d.documentStatus())).count();
    }

    /** True when every file of the job ended completed, or as a copy of a completed document. */
    public boolean allCompleted() {
        return notCompleted.isEmpty() && count("pending") == 0 && duplicatesNotRead() == 0;
    }

    /** The counts and the container count as one flat map (the audit event's details). */
    public Map<String, Object> asDetails() {
        Map<String, Object> out = new LinkedHashMap<>(counts);
        out.put("containers", containers);
        return out;
    }
}
