package dev.quarry.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what is read and refuses to go past a limit (guards against zip bombs and endless streams). */
public final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) advance(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) advance(n);
        return n;
    }

    @Override
    public void close() {
        // The container owns the underlying stream (a ZIP entry); closing here would end the whole archive.
    }

    private void advance(long n) {
        count += n;
        if (count > limit) {
            throw new ContainerLimitException("An entry expands to more than " + ImportService.mb(limit)
                    + ", over the safety limit; the container was not imported.");
        }
    }
}
