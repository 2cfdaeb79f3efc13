package dev.quarry.core;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.quarry.core.crypto.FileCipher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The matter's original files, stored by SHA-256 under {@code files/ab/cd/<sha256>} and never modified.
 * Writes go to a temporary file first and are moved into place, so a kill never leaves half a file
 * under a real name.
 *
 * <p>In an encrypted matter each file is stored encrypted ({@link FileCipher}) under a name that is an
 * HMAC of its SHA-256, so neither its content nor which known document it is can be read off the disk;
 * {@link #open} decrypts a file into memory for a parser or the viewer (docs/adr/0009-encrypted-matters.md).
 */
public final class BlobStore implements AutoCloseable {
    private final Path root;
    /** Null in an unencrypted matter. */
    private final FileCipher cipher;
    private final byte[] namingKey;
    /** Where decrypted copies live while they are read; made on first use, closed with the store. */
    private FileSystem memory;

    public BlobStore(Path root) {
        this(root, null, null);
    }

    /** A store whose files are encrypted with {@code cipher} and named with {@code namingKey}. */
    public BlobStore(Path root, FileCipher cipher, byte[] namingKey) {
        this.root = root;
        this.cipher = cipher;
        this.namingKey = namingKey == null ? null : namingKey.clone();
    }

    /** A stored file made readable: the file itself, or a decrypted copy in memory that closing discards. */
    public static final class Opened implements AutoCloseable {
        private final Path path;
        private final boolean copy;

        private Opened(Path path, boolean copy) {
            this.path = path;
            this.copy = copy;
        }

        /** Readable through Path APIs (a copy in memory has no {@link java.io.File}). */
        public Path path() {
            return path;
        }

        @Override
        public void close() throws IOException {
            if (copy) Files.deleteIfExists(path);
        }
    }

    public Path root() {
        return root;
    }

    /** Where a file is stored; in an encrypted matter that is its ciphertext (use {@link #open} to read it). */
    public Path path(String sha256) {
        String name = cipher == null ? sha256 : storedName(sha256);
        return root.resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name);
    }

    private String storedName(String sha256) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(namingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(sha256.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The file's size in bytes (of its content, not of its ciphertext). */
    public long size(String sha256) throws IOException {
        long stored = Files.size(path(sha256));
        return cipher == null ? stored : FileCipher.plaintextLength(stored);
    }

    /** The stored file, readable; close it when done (an encrypted matter's copy is decrypted into memory). */
    public Opened open(String sha256) throws IOException {
        Path stored = path(sha256);
        if (cipher == null) return new Opened(stored, false);
        Path copy;
        synchronized (this) {
            if (memory == null) memory = Jimfs.newFileSystem(Configuration.unix());
            copy = memory.getPath("/" + java.util.UUID.randomUUID());
        }
        try (InputStream in = cipher.decrypt(Files.newInputStream(stored)); OutputStream out = Files.newOutputStream(copy)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new Opened(copy, true);
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** Copies a file into the store; returns its SHA-256. */
    public String put(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return put(in);
        }
    }

    /** Streams content into the store; returns its SHA-256. Reads at most {@code limit} bytes. */
    public String put(InputStream in) throws IOException {
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, "incoming-", ".part");
        try {
            MessageDigest md = Hashing.sha256();
            OutputStream file = Files.newOutputStream(tmp);
            try (OutputStream out = new DigestOutputStream(cipher == null ? file : cipher.encrypt(file), md)) {
                in.transferTo(out);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            Path target = path(sha);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().setReadOnly();
            }
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (memory != null) memory.close();
        memory = null;
    }

    /** Removes temporary files a killed import left behind. */
    public void sweepIncoming() throws IOException {
        if (!Files.isDirectory(root)) return;
        try (var s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith("incoming-")) Files.deleteIfExists(p);
            }
        }
    }
}
