package dev.quarry.documents.importers;

import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * What the Office importers share: the checks made before POI sees a file and the translation of
 * POI's many exceptions into a status a user can read. POI signals damaged input with a wide range of
 * runtime exceptions (fuzzed files reach index, arithmetic and state errors deep inside it), so the
 * importers catch {@link RuntimeException} around the parse and turn it into FAILED here; nothing is
 * swallowed, the reason names what went wrong.
 */
final class OfficeFiles {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OfficeFiles.class);
    static final String PASSWORD = "The file is password-protected.";
    static final String EMPTY = "The file is empty.";
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] ZIP = {0x50, 0x4B};

    private OfficeFiles() {}

    static boolean isOle2(byte[] head) {
        return Importers.startsWith(head, OLE2);
    }

    static boolean isZip(byte[] head) {
        return Importers.startsWith(head, ZIP);
    }

    /**
     * An OLE2 file opened read-only through a channel. The file may be in an encrypted matter's vault, a
     * file system with channels but no {@link java.io.File}; on disk this reads exactly as POI's File
     * constructor does (a channel, closed with the file system).
     */
    static POIFSFileSystem ole2(Path file) throws IOException {
        return new POIFSFileSystem(java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ), true, true);
    }

    /**
     * An OOXML package opened read-only: from the file itself on disk; from a vault (no {@link java.io.File},
     * which POI's ZIP reader needs) it is read into memory, within the matter's per-file size limit.
     */
    static org.apache.poi.openxml4j.opc.OPCPackage ooxml(Path file) throws IOException, InvalidFormatException {
        if (file.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
            return org.apache.poi.openxml4j.opc.OPCPackage.open(file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return org.apache.poi.openxml4j.opc.OPCPackage.open(in);
        }
    }

    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }

    /**
     * The status to return before parsing, or null to go on: an empty file, or an OOXML file that is
     * really an OLE2 container holding the encrypted package (how Office saves a password-protected
     * .docx/.xlsx).
     */
    static ParsedDocument precheckOoxml(Source source, String media) throws IOException {
        if (Files.size(source.file()) == 0) return ParsedDocument.failed(media, EMPTY);
        byte[] head = head(source.file());
        if (isOle2(head)) {
            if (isEncryptedPackage(source.file())) return ParsedDocument.passwordRequired(media, PASSWORD);
            return ParsedDocument.failed(media, "The file is named ." + source.extension()
                    + " but is an older binary Office file; rename it to its real type to import it.");
        }
        if (!isZip(head)) {
            return ParsedDocument.failed(media, "The file is not a valid ." + source.extension() + " file (it may be damaged).");
        }
        return null;
    }

    static boolean isEncryptedPackage(Path file) {
        try (POIFSFileSystem fs = ole2(file)) {
            return fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A failure for what POI threw while reading a file of kind {@code what} ("Word document",
     * "spreadsheet"). The reason is a plain sentence; POI's own message (array sizes, record ids, class
     * casts from fuzzed files) means nothing to a reviewer, so it goes to the log for whoever debugs it.
     */
    static ParsedDocument failure(String media, String what, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException) return ParsedDocument.passwordRequired(media, PASSWORD);
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("entity expansion") || m.contains("entityExpansion") || m.contains("JAXP00010")
                    || m.contains("DOCTYPE")) {
                return ParsedDocument.failed(media, "The " + what
                        + " contains an XML entity-expansion bomb and was not read.");
            }
        }
        log.info("Could not read a {}: {}", what, e.toString());
        if (e instanceof NotOfficeXmlFileException || e instanceof ZipException || e.getCause() instanceof ZipException
                || e instanceof InvalidFormatException || e instanceof OpenXML4JRuntimeException
                || e instanceof java.io.EOFException) {
            return ParsedDocument.failed(media, "The " + what + " is damaged or truncated and could not be opened.");
        }
        return ParsedDocument.failed(media, "The " + what + " is damaged and could not be read.");
    }

    static String brief(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        m = m.strip().replaceAll("\\s+", " ");
        return m.length() > 160 ? m.substring(0, 157) + "…" : m;
    }
}
