package dev.quarry.documents.importers;

import dev.quarry.documents.ContainerLimitException;
import dev.quarry.documents.ImportContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what one archive really inflates to and stops it at the limits, whatever its headers claim:
 * one entry past {@code maxFileBytes}, all entries past {@code maxExpandBytes}, an entry past its
 * declared size, or an entry expanding more than {@code maxRatio} times once past {@code ratioFreeBytes}.
 */
final class ZipExpansion {
    /** Reading an entry's bytes failed: the entry is damaged (bad data, unknown method), not the disk. */
    static final class DamagedEntry extends IOException {
        DamagedEntry(Throwable cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    private final ImportContext context;
    private final int maxRatio;
    private final long ratioFreeBytes;
    private long total;

    ZipExpansion(ImportContext context, int maxRatio, long ratioFreeBytes) {
        this.context = context;
        this.maxRatio = maxRatio;
        this.ratioFreeBytes = ratioFreeBytes;
    }

    InputStream guard(InputStream in, String path, long declaredSize, long compressedSize) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof ContainerLimitException limit) throw limit;
                    throw new DamagedEntry(e);
                }
                if (n > 0) advance(n);
                return n;
            }

            @Override
            public void close() {
                // The archive owns the entry stream.
            }

            private void advance(int n) {
                count += n;
                total += n;
                if (count > context.maxFileBytes()) {
                    throw new ContainerLimitException("The entry " + path + " expands to more than " + ZipImporter.mb(context.maxFileBytes())
                            + ", over the safety limit; the ZIP archive was not imported.");
                }
                if (total > context.maxExpandBytes()) {
                    throw new ContainerLimitException("The ZIP archive expands to more than " + ZipImporter.mb(context.maxExpandBytes())
                            + ", over the safety limit; it was not imported.");
                }
                if (declaredSize >= 0 && count > declaredSize) {
                    throw new ContainerLimitException("The entry " + path + " holds more than its header says; the ZIP archive"
                            + " is damaged or malicious and was not imported.");
                }
                if (count > ratioFreeBytes && compressedSize > 0 && count / compressedSize > maxRatio) {
                    throw new ContainerLimitException("The entry " + path + " expands more than " + maxRatio
                            + " times, which only zip bombs do; the ZIP archive was not imported.");
                }
            }
        };
    }
}
