package dev.quarry.documents.importers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the files a load file names inside its volume. Paths come from Windows tools: backslashes,
 * sometimes a drive letter or the volume's own name in front, sometimes relative to the DATA folder,
 * and in whatever case the producer's file system ignored. A path is tried whole and then with
 * leading segments dropped, each time against the volume root, exactly and then ignoring case.
 * Nothing outside the volume is ever returned ("..", drive letters and UNC hosts are dropped).
 */
final class VolumeFiles {
    private final List<Path> roots;
    private final Map<Path, Map<String, Path>> listings = new HashMap<>();

    VolumeFiles(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    Optional<Path> resolve(String loadFilePath) {
        if (loadFilePath == null || loadFilePath.isBlank()) return Optional.empty();
        List<String> segments = segments(loadFilePath);
        for (int skip = 0; skip < segments.size(); skip++) {
            List<String> tail = segments.subList(skip, segments.size());
            for (Path root : roots) {
                Optional<Path> hit = find(root, tail);
                if (hit.isPresent()) return hit;
            }
        }
        return Optional.empty();
    }

    /** Where a path would be if it existed: for telling the user what is missing. */
    Path expected(String loadFilePath) {
        Path p = roots.get(0);
        for (String s : segments(loadFilePath)) p = p.resolve(s);
        return p;
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.strip().replace('\\', '/').split("/")) {
            s = s.strip();
            if (s.isEmpty() || s.equals(".") || s.equals("..")) continue;
            if (out.isEmpty() && s.length() == 2 && s.charAt(1) == ':') continue;
            out.add(s);
        }
        return out;
    }

    private Optional<Path> find(Path root, List<String> segments) {
        Path exact = root;
        for (String s : segments) exact = exact.resolve(s);
        if (Files.isRegularFile(exact)) return Optional.of(exact);
        Path dir = root;
        for (int i = 0; i < segments.size(); i++) {
            Path next = listing(dir).get(segments.get(i).toLowerCase(Locale.ROOT));
            if (next == null) return Optional.empty();
            if (i == segments.size() - 1) return Files.isRegularFile(next) ? Optional.of(next) : Optional.empty();
            dir = next;
        }
        return Optional.empty();
    }

    /** A folder's entries by lower-case name, read once: a volume can have 100,000 rows. */
    private Map<String, Path> listing(Path dir) {
        return listings.computeIfAbsent(dir, d -> {
            Map<String, Path> m = new HashMap<>();
            if (!Files.isDirectory(d)) return m;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                for (Path p : s) m.putIfAbsent(p.getFileName().toString().toLowerCase(Locale.ROOT), p);
            } catch (IOException e) {
                return m;
            }
            return m;
        });
    }
}
