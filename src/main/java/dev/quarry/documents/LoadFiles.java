package dev.quarry.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Recognises production volumes: a Concordance DAT (fields quoted with þ, U+00FE, separated by ¶ or DC4). */
public final class LoadFiles {
    private LoadFiles() {}

    public static boolean isConcordanceDat(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".dat")) return false;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        } catch (IOException e) {
            return false;
        }
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0xFE && (i == 0 || (head[i - 1] & 0xFF) != 0xFF)) return true;            // þ in Windows-1252 / Latin-1
            if (b == 0xC3 && i + 1 < head.length && (head[i + 1] & 0xFF) == 0xBE) return true;  // þ in UTF-8
        }
        return false;
    }

    /** The volume folder a DAT belongs to: its folder, or that folder's parent when it is DATA. */
    public static Path volumeRoot(Path dat) {
        Path dir = dat.toAbsolutePath().getParent();
        if (dir.getFileName() != null && dir.getFileName().toString().equalsIgnoreCase("DATA") && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir;
    }
}
