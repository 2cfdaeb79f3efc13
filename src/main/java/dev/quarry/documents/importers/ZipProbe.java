package dev.quarry.documents.importers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a ZIP's general-purpose flags without java.util.zip, which refuses to open an archive with any
 * encrypted entry ("invalid CEN header (encrypted entry)") and so cannot tell "locked" from "broken".
 */
final class ZipProbe {
    private static final int EOCD = 0x06054b50, CEN = 0x02014b50, LOC = 0x04034b50;

    private ZipProbe() {}

    /** True when the central directory, or failing that the first local header, marks an entry encrypted. */
    static boolean hasEncryptedEntry(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 30) return false;
            int tail = (int) Math.min(size, 65_557);
            ByteBuffer end = read(ch, size - tail, tail);
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) != EOCD) continue;
                int entries = end.getShort(i + 10) & 0xFFFF;
                long cdSize = end.getInt(i + 12) & 0xFFFFFFFFL;
                long cdOffset = end.getInt(i + 16) & 0xFFFFFFFFL;
                if (cdOffset + cdSize > size || cdSize > 64L << 20) break;
                ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
                int pos = 0;
                for (int n = 0; n < entries && pos + 46 <= cd.limit() && cd.getInt(pos) == CEN; n++) {
                    if ((cd.getShort(pos + 8) & 1) != 0) return true;
                    pos += 46 + (cd.getShort(pos + 28) & 0xFFFF) + (cd.getShort(pos + 30) & 0xFFFF) + (cd.getShort(pos + 32) & 0xFFFF);
                }
                break;
            }
            return firstLocalHeaderEncrypted(ch);
        }
    }

    /** With no central directory, trust the first local header only if it looks like a real one. */
    private static boolean firstLocalHeaderEncrypted(FileChannel ch) throws IOException {
        ByteBuffer h = read(ch, 0, 30);
        if (h.limit() < 30 || h.getInt(0) != LOC || (h.getShort(6) & 1) == 0) return false;
        int method = h.getShort(8) & 0xFFFF;
        int nameLength = h.getShort(26) & 0xFFFF;
        if (!java.util.Set.of(0, 8, 9, 12, 14, 93, 95, 98, 99).contains(method) || nameLength == 0 || nameLength > 1024) return false;
        ByteBuffer name = read(ch, 30, nameLength);
        if (name.limit() < nameLength) return false;
        for (int i = 0; i < nameLength; i++) if ((name.get(i) & 0xFF) < 0x20) return false;
        return true;
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) break;
        }
        b.flip();
        return b;
    }
}
