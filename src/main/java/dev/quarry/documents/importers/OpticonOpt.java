package dev.quarry.documents.importers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Opticon image cross-reference: one line per page,
 * {@code BATES,VOLUME,IMAGEPATH,DOCBREAK,FOLDERBREAK,BOXBREAK,PAGECOUNT}, where DOCBREAK "Y" starts a
 * document. Gives each document's page Bates numbers, looked up by its first page.
 */
final class OpticonOpt {
    private final Map<String, List<String>> byFirstPage = new HashMap<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<String> pages = new ArrayList<>();
    private final List<Boolean> breaks = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    /** Each page's image path as the OPT gives it ("" when its line names none: the next frame of the last image). */
    private final Map<String, String> imageOf = new HashMap<>();

    /** Adds the lines of one OPT file (a volume may have several). */
    void read(String text) {
        List<String> current = null;
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            String bates = f[0].strip();
            if (bates.isEmpty() || positions.containsKey(key(bates))) continue;
            // Image paths may hold commas: DOCBREAK is the fourth field from the end of a 7-field line.
            boolean docBreak = f.length >= 4 && f[f.length >= 7 ? f.length - 4 : 3].strip().equalsIgnoreCase("Y");
            if (docBreak || current == null) {
                current = new ArrayList<>();
                byFirstPage.put(key(bates), current);
            }
            String image = f.length >= 3 ? String.join(",", java.util.Arrays.asList(f).subList(2, Math.max(3, f.length - 4))).strip() : "";
            if (!image.isEmpty()) images.add(image);
            imageOf.put(key(bates), image);
            current.add(bates);
            positions.put(key(bates), pages.size());
            pages.add(bates);
            breaks.add(docBreak);
        }
    }

    /** The image paths as the OPT gives them (relative to the volume, backslashes). */
    List<String> imagePaths() {
        return images;
    }

    /** The image path the OPT gives for this page ("" when the line names none), or null when it does not list the page. */
    String imageOf(String bates) {
        return bates == null ? null : imageOf.get(key(bates));
    }

    boolean isEmpty() {
        return pages.isEmpty();
    }

    /**
     * The pages of the document whose Bates range is {@code begin}–{@code end}: the OPT document that
     * starts at {@code begin}; or, when the OPT breaks documents differently, the pages from begin to
     * end (or to the next break when end is unknown). Empty when the OPT does not list {@code begin}.
     */
    List<String> pagesOf(String begin, String end) {
        if (begin == null || begin.isBlank()) return List.of();
        List<String> doc = byFirstPage.get(key(begin));
        Integer from = positions.get(key(begin));
        Integer to = end == null || end.isBlank() ? null : positions.get(key(end));
        if (doc != null && (to == null || pages.get(to).equalsIgnoreCase(doc.get(doc.size() - 1)))) return List.copyOf(doc);
        if (from == null) return List.of();
        if (to != null && to >= from) return List.copyOf(pages.subList(from, to + 1));
        int stop = from + 1;
        while (stop < pages.size() && !breaks.get(stop)) stop++;
        return List.copyOf(pages.subList(from, stop));
    }

    private static String key(String bates) {
        return bates.strip().toUpperCase(Locale.ROOT);
    }
}
