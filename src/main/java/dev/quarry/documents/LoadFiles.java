package dev.quarry.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises production volumes: a Concordance DAT (fields quoted with þ, U+00FE, separated by ¶ or
 * DC4). The import planner takes the folder around a DAT as one volume and enqueues only the DAT; the
 * load-file importer then reads natives and text through it.
 */
public final class LoadFiles {
    public static final char QUOTE = '\u00FE';
    /** Concordance's default separator (DC4, shown as ¶ in the Concordance font) and the pilcrow itself. */
    public static final Set<Character> SEPARATORS = Set.of('\u0014', '\u00B6');
    /** Folders that hold load files inside a volume; the volume is their parent. */
    private static final Set<String> LOAD_FILE_FOLDERS = Set.of("DATA", "LOADFILE", "LOADFILES", "LOAD", "DATAFILES", "METADATA");

    private LoadFiles() {}

    public static boolean isConcordanceDat(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dat")) return false;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        } catch (IOException e) {
            return false;
        }
        return isConcordanceDat(file.getFileName().toString(), head);
    }

    /**
     * A .dat whose first line is a þ-quoted header: starts with þ and is either several þ-quoted names
     * joined by a separator or one quoted name. Binary .dat files (winmail.dat, game data) that merely
     * contain the byte 0xFE somewhere are not.
     */
    public static boolean isConcordanceDat(String fileName, byte[] head) {
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".dat")) return false;
        String text = decodeHead(head);
        int nl = firstLineEnd(text);
        String line = text.substring(0, nl).strip();
        if (line.length() < 2 || line.charAt(0) != QUOTE) return false;
        for (int i = 1; i + 2 < line.length(); i++) {
            if (line.charAt(i) == QUOTE && line.charAt(i + 2) == QUOTE && isSeparator(line.charAt(i + 1))) return true;
        }
        // A header of one field, complete within the bytes read.
        return nl < text.length() && line.charAt(line.length() - 1) == QUOTE && line.indexOf(QUOTE, 1) == line.length() - 1;
    }

    static boolean isSeparator(char c) {
        return SEPARATORS.contains(c) || c == ',' || c == '\t' || c == ';' || c == '|';
    }

    private static int firstLineEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') return i;
        }
        return text.length();
    }

    /** Decodes the first bytes of a load file: BOM, else UTF-8 when þ is written as UTF-8, else Windows-1252. */
    private static String decodeHead(byte[] head) {
        int n = head.length;
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) return new String(head, 2, (n - 2) & ~1, StandardCharsets.UTF_16LE);
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) return new String(head, 2, (n - 2) & ~1, StandardCharsets.UTF_16BE);
        int start = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        boolean utf8 = start == 3 || (n >= start + 2 && (head[start] & 0xFF) == 0xC3 && (head[start + 1] & 0xFF) == 0xBE);
        return new String(head, start, n - start, utf8 ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"));
    }

    /** The volume folder a DAT belongs to: its folder, or that folder's parent when it is DATA (or LOADFILES, …). */
    public static Path volumeRoot(Path dat) {
        Path dir = dat.toAbsolutePath().getParent();
        if (dir.getFileName() != null && dir.getParent() != null) {
            String name = dir.getFileName().toString().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
            if (LOAD_FILE_FOLDERS.contains(name)) return dir.getParent();
        }
        return dir;
    }
}
