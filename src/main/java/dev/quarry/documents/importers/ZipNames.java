package dev.quarry.documents.importers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/** ZIP entry names as users should see them. */
final class ZipNames {
    private ZipNames() {}

    /**
     * The entry's name: UTF-8 when the bytes are valid UTF-8 (the "UTF-8" flag is often missing, and
     * sometimes set on names that are not), else code page 437, what older Windows tools wrote.
     */
    static String entryName(ZipArchiveEntry e) {
        byte[] raw = e.getRawName();
        if (raw == null) return e.getName();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, Charset.forName("IBM437"));
        }
    }

    /** Mac resource forks, Finder and Explorer litter: never documents. */
    static boolean isJunk(String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("__MACOSX/") || n.contains("/__MACOSX/")) return true;
        String base = fileName(n);
        return base.equals(".DS_Store") || base.startsWith("._") || base.equalsIgnoreCase("Thumbs.db")
                || base.equalsIgnoreCase("desktop.ini") || base.isEmpty();
    }

    /**
     * The entry path as shown to users: forward slashes, no drive letter, no empty, "." or ".." segments
     * (nothing is written to disk, so "../" is harmless, but it must not confuse a reader).
     */
    static String cleanPath(String entryName) {
        StringBuilder sb = new StringBuilder();
        for (String seg : entryName.replace('\\', '/').split("/")) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) continue;
            if (sb.length() == 0 && seg.length() == 2 && seg.charAt(1) == ':') continue;
            String clean = seg.chars().filter(ch -> ch >= 0x20 && ch != 0x7F)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (clean.isBlank()) continue;
            if (sb.length() > 0) sb.append('/');
            sb.append(clean);
        }
        return sb.length() == 0 ? "unnamed" : sb.toString();
    }

    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

}
