package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir Path tmp;

    @Test
    void storesByContentOnceAndReadOnly() throws Exception {
        BlobStore store = new BlobStore(tmp.resolve("files"));
        byte[] data = "exhibit A".getBytes(StandardCharsets.UTF_8);
        String a = store.put(new ByteArrayInputStream(data));
        String b = store.put(new ByteArrayInputStream(data));
        assertThat(a).isEqualTo(b).isEqualTo(Hashing.sha256(data));
        Path p = store.path(a);
        assertThat(p).hasBinaryContent(data);
        assertThat(p.getParent().getParent().getFileName().toString()).isEqualTo(a.substring(0, 2));
        assertThat(Files.getPosixFilePermissions(p)).doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        try (var s = Files.list(tmp.resolve("files"))) {
            assertThat(s.filter(f -> f.getFileName().toString().startsWith("incoming-"))).isEmpty();
        }
    }

    @Test
    void sweepsTemporaryFilesLeftByAKill() throws Exception {
        BlobStore store = new BlobStore(tmp.resolve("files"));
        Files.createDirectories(store.root());
        Path leftover = Files.createFile(store.root().resolve("incoming-123.part"));
        store.sweepIncoming();
        assertThat(leftover).doesNotExist();
    }
}
