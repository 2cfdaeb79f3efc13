package dev.quarry.documents.importers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the ZIPs and production volumes the container tests read. */
final class ContainerFixtures {
    private ContainerFixtures() {}

    /** A ZIP of the given entries (name → bytes; a name ending in "/" is a folder). */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (!e.getKey().endsWith("/")) z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object c = nameThenContent[i + 1];
            m.put((String) nameThenContent[i], c instanceof byte[] b ? b : String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    /**
     * Sets the "encrypted" bit in every local and central header, as a ZIP tool does for a
     * password-protected entry (java.util.zip cannot write real ones; the flag is what readers check).
     */
    static byte[] markEncrypted(byte[] zip) {
        byte[] b = zip.clone();
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4) b[i + 6] |= 1;
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) b[i + 8] |= 1;
        }
        return b;
    }

    /** Rewrites the uncompressed size the central directory declares for every entry (a lying header). */
    static byte[] declareSize(byte[] zip, int size) {
        byte[] b = zip.clone();
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                for (int k = 0; k < 4; k++) b[i + 24 + k] = (byte) (size >>> (8 * k));
            }
        }
        return b;
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One DAT: þ-quoted fields joined by {@code sep}, CRLF rows, in {@code charset} (with a BOM for UTF-16). */
    static byte[] dat(char sep, Charset charset, boolean bom, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) sb.append(sep);
                sb.append('\u00FE').append(row.get(i)).append('\u00FE');
            }
            sb.append("\r\n");
        }
        String text = (bom ? "\uFEFF" : "") + sb;
        return text.getBytes(charset);
    }
}
