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
    private final Map<Path, Listing> listings = new HashMap<>();

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

    /** Walks the cached folder listings: no file-system call per row once a folder has been read. */
    private Optional<Path> find(Path root, List<String> segments) {
        Path at = root;
        for (String segment : segments) {
            Listing l = listing(at);
            Path next = l.exact.get(segment);
            if (next == null) next = l.folded.get(segment.toLowerCase(Locale.ROOT));
            if (next == null) return Optional.empty();
            at = next;
        }
        return Files.isRegularFile(at) ? Optional.of(at) : Optional.empty();
    }

    /** A folder's entries by name, and by lower-case name for producers whose file system ignored case. */
    private record Listing(Map<String, Path> exact, Map<String, Path> folded) {}

    /** Read once per folder: a volume can have 100,000 rows in a few hundred folders. */
    private Listing listing(Path dir) {
        return listings.computeIfAbsent(dir, d -> {
            Map<String, Path> exact = new HashMap<>(), folded = new HashMap<>();
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                    for (Path p : s) {
                        String n = p.getFileName().toString();
                        exact.put(n, p);
                        folded.putIfAbsent(n.toLowerCase(Locale.ROOT), p);
                    }
                } catch (IOException e) {
                    // An unreadable folder holds nothing we can import; its rows are reported missing.
                }
            }
            return new Listing(exact, folded);
        });
    }
}
