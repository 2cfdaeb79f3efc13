package dev.quarry.retrieval;

import dev.quarry.core.crypto.FileCipher;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * A Lucene directory whose files are encrypted at rest ({@link FileCipher}: AES-256-GCM chunks of 16 KiB,
 * a key per file). Lucene sees plaintext: lengths, file pointers and checksums are of the plaintext, so its
 * own checks (footers, CRCs) work unchanged, and every read decrypts and authenticates the chunk it falls
 * in. File names ({@code _0.cfs}, {@code segments_2}) are Lucene's and say nothing about the matter.
 * Files are written once and never changed, which is all Lucene asks of a directory.
 */
final class EncryptedDirectory extends FilterDirectory {
    private final FileCipher cipher;

    EncryptedDirectory(Directory in, FileCipher cipher) {
        super(in);
        this.cipher = cipher;
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        return new Output(in.createOutput(name, context), cipher.newFile());
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        return new Output(in.createTempOutput(prefix, suffix, context), cipher.newFile());
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        IndexInput raw = in.openInput(name, context);
        try {
            byte[] header = new byte[FileCipher.HEADER];
            if (raw.length() < FileCipher.HEADER + FileCipher.TAG) throw new EOFException("Encrypted file " + name + " is truncated.");
            raw.readBytes(header, 0, header.length);
            long length = FileCipher.plaintextLength(raw.length());
            return new Input("encrypted(" + raw + ")", raw, cipher.open(header), raw.length(), 0, length, false);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public long fileLength(String name) throws IOException {
        return FileCipher.plaintextLength(in.fileLength(name));
    }

    /** Seals the index file's bytes chunk by chunk ({@link FileCipher.ChunkWriter}), counting and checksumming the plaintext. */
    private static final class Output extends IndexOutput {
        private final IndexOutput out;
        private final FileCipher.ChunkWriter chunks;
        private final CRC32 crc = new CRC32();
        private long written;
        private boolean closed;

        Output(IndexOutput out, FileCipher.Sealer sealer) throws IOException {
            super("encrypted(" + out + ")", out.getName());
            this.out = out;
            out.writeBytes(sealer.header(), FileCipher.HEADER);
            this.chunks = new FileCipher.ChunkWriter(sealer, out::writeBytes);
        }

        @Override
        public void writeByte(byte b) throws IOException {
            chunks.write(b);
            crc.update(b);
            written++;
        }

        @Override
        public void writeBytes(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            written += len;
            chunks.write(b, off, len);
        }

        @Override
        public long getFilePointer() {
            return written;
        }

        /** Lucene's footer checksum: a CRC32 of the plaintext, which its readers compute from the plaintext. */
        @Override
        public long getChecksum() {
            return crc.getValue();
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                chunks.finish();
            } finally {
                out.close();
            }
        }
    }

    /** Decrypts one chunk at a time and serves reads from it; clones and slices get their own chunk and cipher. */
    private static final class Input extends IndexInput {
        private final IndexInput raw;
        private final FileCipher.Opener opener;
        private final long rawLength, chunks;
        /** This view's window of the plaintext: a slice's start and length, or the whole file. */
        private final long offset, length;
        private final boolean isClone;
        private final byte[] plain = new byte[FileCipher.CHUNK];
        private final byte[] sealed = new byte[FileCipher.CHUNK + FileCipher.TAG];
        private long pos;
        /** Plaintext offset of the chunk in {@code plain}, and its length; -1 when none is loaded. */
        private long chunkStart = -1;
        private int chunkLen;

        Input(String description, IndexInput raw, FileCipher.Opener opener, long rawLength, long offset, long length, boolean isClone) {
            super(description);
            this.raw = raw;
            this.opener = opener;
            this.rawLength = rawLength;
            this.chunks = FileCipher.chunks(rawLength);
            this.offset = offset;
            this.length = length;
            this.isClone = isClone;
        }

        /** Makes the chunk holding plaintext offset {@code abs} current; returns the offset within it. */
        private int at(long abs) throws IOException {
            if (chunkStart >= 0 && abs >= chunkStart && abs < chunkStart + chunkLen) return (int) (abs - chunkStart);
            long chunk = abs / FileCipher.CHUNK;
            long rawPos = FileCipher.HEADER + chunk * (FileCipher.CHUNK + FileCipher.TAG);
            int rawLen = (int) Math.min(FileCipher.CHUNK + FileCipher.TAG, rawLength - rawPos);
            if (chunk >= chunks || rawLen < FileCipher.TAG) throw new EOFException("Read past the end of " + this);
            raw.seek(rawPos);
            raw.readBytes(sealed, 0, rawLen);
            chunkStart = -1;
            chunkLen = opener.open(sealed, rawLen, chunk, chunk == chunks - 1, plain);
            chunkStart = chunk * FileCipher.CHUNK;
            return (int) (abs - chunkStart);
        }

        @Override
        public byte readByte() throws IOException {
            if (pos >= length) throw new EOFException("Read past the end of " + this);
            int i = at(offset + pos);
            pos++;
            return plain[i];
        }

        @Override
        public void readBytes(byte[] b, int off, int len) throws IOException {
            if (len > length - pos) throw new EOFException("Read past the end of " + this);
            while (len > 0) {
                int i = at(offset + pos);
                int k = Math.min(len, chunkLen - i);
                System.arraycopy(plain, i, b, off, k);
                pos += k;
                off += k;
                len -= k;
            }
        }

        @Override
        public long getFilePointer() {
            return pos;
        }

        @Override
        public void seek(long p) throws IOException {
            if (p < 0 || p > length) throw new EOFException("Seek to " + p + " outside " + this);
            pos = p;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public IndexInput slice(String sliceDescription, long sliceOffset, long sliceLength) throws IOException {
            if (sliceOffset < 0 || sliceLength < 0 || sliceOffset + sliceLength > length) {
                throw new IllegalArgumentException("Slice " + sliceDescription + " out of bounds of " + this);
            }
            return new Input(getFullSliceDescription(sliceDescription), raw.clone(), opener.copy(), rawLength,
                    offset + sliceOffset, sliceLength, true);
        }

        @Override
        public Input clone() {
            Input c = new Input(toString(), raw.clone(), opener.copy(), rawLength, offset, length, true);
            c.pos = pos;
            return c;
        }

        @Override
        public void close() throws IOException {
            // Like Lucene's own inputs: closing the original releases the file, clones need no closing.
            if (!isClone) raw.close();
        }
    }
}
