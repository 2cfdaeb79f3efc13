package dev.quarry.documents.qc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The digests of one file in one read: MD5, SHA-1 and SHA-256 as a load file gives them (lower-case hex). */
final class FileHashes {
    private FileHashes() {}

    static Map<String, String> of(Path file, List<String> algorithms) throws IOException {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String a : algorithms) {
            try {
                digests.put(a, MessageDigest.getInstance(a));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JDK always has " + a, e);
            }
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) for (MessageDigest d : digests.values()) d.update(buf, 0, n);
        }
        Map<String, String> out = new LinkedHashMap<>();
        digests.forEach((a, d) -> out.put(a, HexFormat.of().formatHex(d.digest())));
        return out;
    }
}
