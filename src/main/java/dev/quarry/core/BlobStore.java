package dev.quarry.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The matter's original files, stored by SHA-256 under {@code files/ab/cd/<sha256>} and never modified.
 * The root is a folder of the matter, or of its vault in an encrypted matter (where the names, too, are
 * encrypted, so a file's hash does not show which document it is).
 * Writes go to a temporary file first and are moved into place, so a kill never leaves half a file
 * under a real name.
 */
public final class BlobStore {
    private final Path root;

    public BlobStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
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
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
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
                // A vault's files have no File; their content is authenticated (AES-GCM) instead.
                if (target.getFileSystem() == java.nio.file.FileSystems.getDefault()) target.toFile().setReadOnly();
            }
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
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
