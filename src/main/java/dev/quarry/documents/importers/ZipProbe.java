package dev.quarry.documents.importers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads how many entries a ZIP's end record declares, before a ZIP reader builds every entry in
 * memory: a hostile central directory of millions of entries must be refused, not parsed.
 */
final class ZipProbe {
    private static final int EOCD = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_EOCD = 0x06064b50;
    private ZipProbe() {}

    /** What the end record declares: the entry count and the central directory's size in bytes. */
    record Directory(long entries, long bytes) {}

    /** The archive's declared directory, or null when it has no end record (damaged, truncated). */
    static Directory declared(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 22) return null;
            int tail = (int) Math.min(size, 65_557);
            long tailStart = size - tail;
            ByteBuffer end = read(ch, tailStart, tail);
            for (int i = end.limit() - 22; i >= 0; i--) {
                if (end.getInt(i) != EOCD) continue;
                long entries = end.getShort(i + 10) & 0xFFFF;
                long cdSize = end.getInt(i + 12) & 0xFFFFFFFFL;
                if ((entries == 0xFFFF || cdSize == 0xFFFFFFFFL) && i >= 20 && end.getInt(i - 20) == ZIP64_LOCATOR) {
                    long at = end.getLong(i - 20 + 8);
                    if (at >= 0 && at + 56 <= size) {
                        ByteBuffer z = read(ch, at, 56);
                        if (z.limit() == 56 && z.getInt(0) == ZIP64_EOCD) {
                            entries = z.getLong(32);
                            cdSize = z.getLong(40);
                        }
                    }
                }
                return new Directory(entries, cdSize);
            }
            return null;
        }
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
