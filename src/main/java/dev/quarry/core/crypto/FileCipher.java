package dev.quarry.core.crypto;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a file as independent AES-256-GCM chunks, so it can be read from any position (Lucene seeks)
 * and streamed (originals, the vector index) alike; see docs/adr/0009-encrypted-matters.md.
 *
 * <p>Layout: a 24-byte header ({@code QENC}, version 1, three zero bytes, a random 16-byte salt), then
 * chunks of {@link #CHUNK} plaintext bytes each followed by its 16-byte tag; the last chunk may be
 * shorter (or empty, for an empty file). Each file has its own key, HMAC-SHA256(class key, salt), so the
 * chunk's index can be its nonce without ever repeating one under a key. The additional data marks the
 * last chunk, so a file cut at a chunk boundary, or chunks swapped, fail authentication.
 */
public final class FileCipher {
    public static final int CHUNK = 16 * 1024;
    public static final int TAG = 16;
    public static final int HEADER = 24;
    private static final byte[] MAGIC = {'Q', 'E', 'N', 'C', 1, 0, 0, 0};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] classKey;

    /** @param classKey 32 bytes for one kind of file (originals, indexes), from {@link MatterKey} */
    public FileCipher(byte[] classKey) {
        this.classKey = classKey.clone();
    }

    /** The plaintext length of a file of {@code ciphertextLength} bytes. */
    public static long plaintextLength(long ciphertextLength) throws IOException {
        long body = ciphertextLength - HEADER;
        if (body < TAG) throw new IOException("The encrypted file is truncated (" + ciphertextLength + " bytes).");
        long chunks = (body + CHUNK + TAG - 1) / (CHUNK + TAG);
        return body - chunks * TAG;
    }

    /** How many chunks a file of {@code ciphertextLength} bytes holds. */
    public static long chunks(long ciphertextLength) {
        long body = ciphertextLength - HEADER;
        return Math.max(1, (body + CHUNK + TAG - 1) / (CHUNK + TAG));
    }

    /** Starts a new file: a fresh salt, hence a fresh file key. */
    public Sealer newFile() {
        byte[] header = Arrays.copyOf(MAGIC, HEADER);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        System.arraycopy(salt, 0, header, MAGIC.length, salt.length);
        return new Sealer(header, fileKey(salt));
    }

    /** Reads a file's header; fails on anything that is not one of ours. */
    public Opener open(byte[] header) throws IOException {
        if (header.length < HEADER || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("The file is not encrypted by Quarry or is damaged.");
        }
        return new Opener(fileKey(Arrays.copyOfRange(header, MAGIC.length, HEADER)));
    }

    private SecretKeySpec fileKey(byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(classKey, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(salt), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static GCMParameterSpec nonce(long index) {
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) iv[11 - i] = (byte) (index >>> (8 * i));
        return new GCMParameterSpec(TAG * 8, iv);
    }

    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
        }
    }

    /** Encrypts the chunks of one file, in order. Not thread-safe. */
    public static final class Sealer {
        private final byte[] header;
        private final SecretKeySpec key;
        private final Cipher cipher = gcm();

        private Sealer(byte[] header, SecretKeySpec key) {
            this.header = header;
            this.key = key;
        }

        public byte[] header() {
            return header.clone();
        }

        /** Encrypts {@code len} bytes as chunk {@code index} into {@code out} (len + TAG bytes); returns that length. */
        public int seal(byte[] plain, int len, long index, boolean last, byte[] out) {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(index));
                cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
                return cipher.doFinal(plain, 0, len, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM encryption failed", e);
            }
        }
    }

    /** Decrypts chunks of one file, in any order. Not thread-safe: one per reader. */
    public static final class Opener {
        private final SecretKeySpec key;
        private final Cipher cipher = gcm();

        private Opener(SecretKeySpec key) {
            this.key = key;
        }

        /** Another opener of the same file, for another thread or reader. */
        public Opener copy() {
            return new Opener(key);
        }

        /** Decrypts chunk {@code index} ({@code len} bytes with its tag) into {@code out}; returns the plaintext length. */
        public int open(byte[] sealed, int len, long index, boolean last, byte[] out) throws IOException {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(index));
                cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
                return cipher.doFinal(sealed, 0, len, out, 0);
            } catch (AEADBadTagException e) {
                throw new IOException("An encrypted file of the matter is damaged or was changed (chunk " + index + ").", e);
            } catch (GeneralSecurityException e) {
                throw new IOException("An encrypted file of the matter could not be decrypted.", e);
            }
        }
    }

    /** Where {@link ChunkWriter} puts each sealed chunk: a stream, or a Lucene index output. */
    @FunctionalInterface
    public interface ChunkSink {
        void write(byte[] sealed, int length) throws IOException;
    }

    /**
     * Buffers plaintext a chunk at a time and seals each chunk into a {@link ChunkSink}. A full chunk is
     * sealed only when more follows, so the chunk sealed by {@link #finish} is the one flagged last.
     * The one writer of the format, for {@link #encrypt} and the keyword index's encrypted directory.
     */
    public static final class ChunkWriter {
        private final Sealer sealer;
        private final ChunkSink sink;
        private final byte[] buf = new byte[CHUNK];
        private final byte[] sealed = new byte[CHUNK + TAG];
        private int n;
        private long index;

        /** The header is the caller's to write first; chunks follow it. */
        public ChunkWriter(Sealer sealer, ChunkSink sink) {
            this.sealer = sealer;
            this.sink = sink;
        }

        public void write(byte b) throws IOException {
            if (n == CHUNK) seal(false);
            buf[n++] = b;
        }

        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == CHUNK) seal(false);
                int k = Math.min(len, CHUNK - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        /** Seals what is buffered as the last chunk (an empty file still gets one, flagged last). */
        public void finish() throws IOException {
            seal(true);
        }

        private void seal(boolean last) throws IOException {
            int m = sealer.seal(buf, n, index++, last, sealed);
            sink.write(sealed, m);
            n = 0;
        }
    }

    /** A stream that encrypts what is written to it into {@code out} (closed with it). */
    public OutputStream encrypt(OutputStream out) throws IOException {
        Sealer sealer = newFile();
        out.write(sealer.header());
        ChunkWriter chunks = new ChunkWriter(sealer, (b, len) -> out.write(b, 0, len));
        return new FilterOutputStream(out) {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                chunks.write((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                chunks.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
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
        };
    }

    /** A stream of the plaintext of {@code in} (closed with it); damage or a cut file is an IOException. */
    public InputStream decrypt(InputStream in) throws IOException {
        Opener opener = open(in.readNBytes(HEADER));
        return new InputStream() {
            private final byte[] sealed = new byte[CHUNK + TAG + 1];
            private final byte[] plain = new byte[CHUNK];
            private int pos, len;
            private long index;
            private boolean done;
            /** One byte read ahead past a full chunk tells whether that chunk is the last. */
            private int ahead = -1;

            private boolean fill() throws IOException {
                if (done) return false;
                int have = 0;
                if (ahead >= 0) sealed[have++] = (byte) ahead;
                have += in.readNBytes(sealed, have, CHUNK + TAG + 1 - have);
                boolean last = have <= CHUNK + TAG;
                ahead = last ? -1 : sealed[CHUNK + TAG] & 0xFF;
                int m = last ? have : CHUNK + TAG;
                if (m < TAG) throw new IOException("An encrypted file of the matter is truncated.");
                len = opener.open(sealed, m, index++, last, plain);
                pos = 0;
                done = last;
                return true;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int n) throws IOException {
                if (n == 0) return 0;
                while (pos == len) {
                    if (!fill()) return -1;
                }
                int k = Math.min(n, len - pos);
                System.arraycopy(plain, pos, b, off, k);
                pos += k;
                return k;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
