package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POI cannot write Outlook messages and the corpus has none, so the fixture is a minimal .msg built
 * stream by stream as [MS-OXMSG] lays it out: UTF-16 string properties in {@code __substg1.0_*} streams,
 * the submit time in the fixed-size property stream, one file attachment and one attached message.
 */
class MsgImporterTest {
    private static final Instant SENT = Instant.parse("2022-11-02T15:04:05Z");

    @TempDir
    Path dir;

    private static void string(DirectoryEntry d, int id, String value) throws Exception {
        d.createDocument(String.format("__substg1.0_%04X001F", id), new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_16LE)));
    }

    /** A property stream: {@code header} reserved bytes, then a PT_SYSTIME client-submit-time entry when given. */
    private static void properties(DirectoryEntry d, int header, Instant submitted) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(header + (submitted == null ? 0 : 16)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(header);
        if (submitted != null) {
            b.putInt(0x00390040); // PR_CLIENT_SUBMIT_TIME, PT_SYSTIME
            b.putInt(0x06);
            long filetime = (submitted.getEpochSecond() + 11_644_473_600L) * 10_000_000L;
            b.putLong(filetime);
        }
        d.createDocument("__properties_version1.0", new ByteArrayInputStream(b.array()));
    }

    private static void message(DirectoryEntry d, String subject, String from, String to, String body, int header, Instant sent) throws Exception {
        properties(d, header, sent);
        string(d, 0x0037, subject);
        string(d, 0x0C1A, from);
        string(d, 0x0E04, to);
        string(d, 0x1000, body);
    }

    private Path msg() throws Exception {
        Path f = dir.resolve("status.msg");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            message(root, "Status of production", "Paralegal Pat", "Lead Counsel", "Volume 3 went out today.\r\nBates ABC000101–ABC000250.", 32, SENT);

            DirectoryEntry file = root.createDirectory("__attach_version1.0_#00000000");
            properties(file, 8, null);
            string(file, 0x3707, "privilege log.csv");
            file.createDocument("__substg1.0_37010102", new ByteArrayInputStream("doc,basis\nABC000101,AC\n".getBytes(StandardCharsets.UTF_8)));

            DirectoryEntry attached = root.createDirectory("__attach_version1.0_#00000001");
            properties(attached, 8, null);
            DirectoryEntry inner = attached.createDirectory("__substg1.0_3701000D");
            message(inner, "Original request", "Opposing Counsel", "Lead Counsel", "Please produce volume 3.", 24, null);

            try (OutputStream out = Files.newOutputStream(f)) {
                fs.writeFilesystem(out);
            }
        }
        return f;
    }

    @Test
    void readsHeadersBodyAndAttachmentsIncludingAnAttachedMessage() throws Exception {
        Path f = msg();

        TestImports.Result r = TestImports.parse(new MsgImporter(), f);
        ParsedDocument d = r.document();

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages()).hasSize(1);
        assertThat(d.pages().get(0).text()).isEqualTo("""
                From: Paralegal Pat
                To: Lead Counsel
                Date: Wed, 2 Nov 2022 15:04:05 UTC
                Subject: Status of production

                Volume 3 went out today.\r
                Bates ABC000101–ABC000250.""");
        assertThat(d.title()).isEqualTo("Status of production");
        assertThat(d.date()).isEqualTo(SENT);

        assertThat(r.children()).extracting(TestImports.Child::fileName).containsExactly("privilege log.csv", "Original request.msg");
        assertThat(new String(r.children().get(0).content(), StandardCharsets.UTF_8)).startsWith("doc,basis\n");
        assertThat(r.children().get(1).sourcePath()).isEqualTo(f + "!/Original request.msg");

        // The attached message, written out as its own .msg, imports as a message in turn.
        Path inner = dir.resolve("inner.msg");
        Files.write(inner, r.children().get(1).content());
        ParsedDocument innerDoc = TestImports.parse(new MsgImporter(), inner).document();
        assertThat(innerDoc.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(innerDoc.title()).isEqualTo("Original request");
        assertThat(innerDoc.pages().get(0).text()).startsWith("From: Opposing Counsel\n").endsWith("\n\nPlease produce volume 3.");
    }

    @Test
    void notAnOutlookFileFailsPlainly() throws Exception {
        Path text = dir.resolve("note.msg");
        Files.writeString(text, "just text with a .msg name");
        Path empty = dir.resolve("empty.msg");
        Files.write(empty, new byte[0]);

        ParsedDocument t = TestImports.parse(new MsgImporter(), text).document();

        assertThat(t.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(t.reason()).contains("not an Outlook message");
        assertThat(TestImports.parse(new MsgImporter(), empty).document().reason()).isEqualTo("The file is empty.");
    }

    /**
     * LZFu as [MS-OXRTFCP] defines it, written with literal runs only (a control byte of eight zero bits
     * before every eight bytes): a valid compressed stream that HSMF must decompress, not the
     * "MELA" uncompressed form.
     */
    static byte[] compressedRtf(String rtf) {
        byte[] raw = rtf.getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i += 8) {
            data.write(0);
            data.write(raw, i, Math.min(8, raw.length - i));
        }
        byte[] body = data.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(16 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(body.length + 12).putInt(raw.length).putInt(0x75465A4C).putInt(crc(body)).put(body);
        return b.array();
    }

    /** The CRC-32 of [MS-OXRTFCP] 2.1.3.2 (no pre- or post-conditioning). */
    private static int crc(byte[] data) {
        int crc = 0;
        for (byte x : data) {
            int c = (crc ^ x) & 0xFF;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0xEDB88320 : c >>> 1;
            crc = c ^ (crc >>> 8);
        }
        return crc;
    }

    @Test
    void aBodyStoredOnlyAsCompressedRtfIsRead() throws Exception {
        Path f = dir.resolve("rtf only.msg");
        String rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromtext{\\fonttbl{\\f0 Calibri;}}\\pard Counsel,\\par The custodian list is "
                + "attached; d\\'e9j\\'e0 sent to opposing counsel.\\par}";
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            properties(root, 32, SENT);
            string(root, 0x0037, "Custodians");
            string(root, 0x0C1A, "Paralegal Pat");
            root.createDocument("__substg1.0_10090102", new ByteArrayInputStream(compressedRtf(rtf)));
            try (OutputStream out = Files.newOutputStream(f)) {
                fs.writeFilesystem(out);
            }
        }
        ParsedDocument d = TestImports.parse(new MsgImporter(), f).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).contains("Subject: Custodians", "Counsel,\nThe custodian list is attached; déjà sent")
                .doesNotContain("fonttbl", "Calibri");
    }
}
