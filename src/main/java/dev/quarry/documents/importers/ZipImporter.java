package dev.quarry.documents.importers;

import dev.quarry.documents.ContainerLimitException;
import dev.quarry.documents.Fields;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZIP archives. Each file entry becomes a child of the import (nested archives are read the same way
 * by the import service); nothing is extracted to disk, entries stream straight into the matter.
 *
 * <p>Reads with Commons Compress's {@link ZipFile} from the central directory, so sizes are known before
 * any byte is read. java.util.zip would do for plain archives, but it refuses a whole archive when any
 * entry is encrypted or uses Deflate64 (which Windows writes for large files) or bzip2, and cannot say
 * which; Commons Compress (already on the classpath through POI) reads those methods and reports
 * encryption per entry. A ZIP whose central directory is unreadable (a truncated download) is salvaged
 * with {@link ZipArchiveInputStream} up to the damage and ends FAILED with a reason.
 *
 * <p>An archive whose every file is encrypted is PASSWORD_REQUIRED; when only some are, the others
 * import and each locked one becomes a FAILED child saying it needs the password.
 *
 * <p>Safety limits: at most {@link #MAX_ENTRIES} entries; no entry above the context's
 * {@code maxFileBytes}; all entries together at most {@code maxExpandBytes}; no entry expanding more
 * than {@link #MAX_RATIO}:1 once past {@link #RATIO_FREE_BYTES}. Each is checked on the declared sizes
 * before anything is stored and again on the bytes actually inflated, so a lying header cannot get
 * past. A bomb fails the whole archive (an exception, so none of its children are kept); one entry
 * that is merely too large, or damaged, becomes a FAILED child that says so, and its siblings import.
 */
public final class ZipImporter implements Importer {
    private static final Logger log = LoggerFactory.getLogger(ZipImporter.class);
    private static final byte[] MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_MAGIC = {'P', 'K', 5, 6};
    /** ZIP-based formats other importers read as documents: never unpack these by their magic. */
    private static final Set<String> ZIP_BASED_DOCUMENTS = Set.of("docx", "docm", "dotx", "dotm", "xlsx", "xlsm",
            "xltx", "xltm", "xlsb", "pptx", "pptm", "ppsx", "potx", "odt", "ods", "odp", "odg", "ott", "epub", "xps",
            "oxps", "vsdx", "jar", "apk", "ipa", "pages", "numbers", "key", "kmz", "msix", "appx", "nupkg", "whl");

    /** More entries than any real production ZIP we have seen; a million tiny entries is an attack. */
    static final int MAX_ENTRIES = 100_000;
    /** DEFLATE tops out near 1030:1; ordinary text and office files stay under 20:1. */
    static final int MAX_RATIO = 100;
    /** Small entries may compress as well as they like (a blank form, a run of spaces). */
    static final long RATIO_FREE_BYTES = 16L << 20;

    /**
     * A directory record is 46 bytes plus the name (real ones average 100–200 bytes); a directory far
     * beyond this per allowed entry would make the reader build millions of entries in memory.
     */
    static final int MAX_DIRECTORY_BYTES_PER_ENTRY = 1024;

    private final int maxEntries;
    private final int maxRatio;
    private final long ratioFreeBytes;

    public ZipImporter() {
        this(MAX_ENTRIES, MAX_RATIO, RATIO_FREE_BYTES);
    }

    /** For tests: limits small enough to trip with a small fixture. */
    ZipImporter(int maxEntries, int maxRatio, long ratioFreeBytes) {
        this.maxEntries = maxEntries;
        this.maxRatio = maxRatio;
        this.ratioFreeBytes = ratioFreeBytes;
    }

    @Override
    public String name() {
        return "zip";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        String ext = source.extension();
        if (ext.equals("zip")) return true;
        return (Importers.startsWith(head, MAGIC) || Importers.startsWith(head, EMPTY_MAGIC))
                && !ZIP_BASED_DOCUMENTS.contains(ext);
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        Path file = source.file();
        ZipProbe.Directory declared = ZipProbe.declared(file);
        if (declared != null && declared.entries() > maxEntries) return tooManyEntries(declared.entries());
        if (declared != null && declared.bytes() > (long) maxEntries * MAX_DIRECTORY_BYTES_PER_ENTRY) {
            return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive's directory is " + mb(declared.bytes())
                    + ", far larger than any real archive's; it was not imported.");
        }
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).setCharset(StandardCharsets.UTF_8).setUseUnicodeExtraFields(true).get();
        } catch (IOException unreadableDirectory) {
            return salvage(source, context, unreadableDirectory);
        }
        try (zip) {
            return readCentral(zip, source, context);
        }
    }

    static final String MEDIA_TYPE = "application/zip";

    private ParsedDocument tooManyEntries(long count) {
        return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive lists " + count + " entries, more than the safety limit of "
                + maxEntries + "; it was not imported.");
    }

    private ParsedDocument readCentral(ZipFile zip, Source source, ImportContext context) throws IOException {
        // First pass over the central directory only: refuse a bomb before anything is stored.
        List<ZipArchiveEntry> files = new ArrayList<>();
        long declaredTotal = 0, count = 0;
        int encrypted = 0;
        for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
            ZipArchiveEntry e = en.nextElement();
            if (++count > maxEntries) return tooManyEntries(count);
            String name = ZipNames.entryName(e);
            if (e.isDirectory() || ZipNames.isJunk(name)) continue;
            files.add(e);
            if (e.getGeneralPurposeBit().usesEncryption()) encrypted++;
            long size = e.getSize();
            if (size < 0) continue;
            if (size <= context.maxFileBytes()) declaredTotal += size;
            if (size > ratioFreeBytes && e.getCompressedSize() > 0 && size / e.getCompressedSize() > maxRatio) {
                return ParsedDocument.failed(MEDIA_TYPE, "The entry " + ZipNames.cleanPath(name) + " would expand "
                        + size / e.getCompressedSize() + " times, which only zip bombs do; the ZIP archive was not imported.");
            }
        }
        if (files.isEmpty()) return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive holds no files.");
        if (encrypted == files.size()) return passwordRequired();
        if (declaredTotal > context.maxExpandBytes()) {
            return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive would expand to " + mb(declaredTotal)
                    + ", over the safety limit of " + mb(context.maxExpandBytes()) + "; it was not imported.");
        }

        ZipExpansion expansion = new ZipExpansion(context, maxRatio, ratioFreeBytes);
        for (ZipArchiveEntry e : files) {
            context.cancel().throwIfCancelled();
            String path = ZipNames.cleanPath(ZipNames.entryName(e));
            String childPath = source.sourcePath() + "!/" + path;
            String refused = refusal(e, zip.canReadEntryData(e), context);
            if (refused != null) {
                failedChild(context, path, childPath, refused);
                continue;
            }
            try (InputStream in = zip.getInputStream(e)) {
                context.children().add(ZipNames.fileName(path), childPath,
                        expansion.guard(in, path, e.getSize(), e.getCompressedSize()), Map.of());
            } catch (ZipExpansion.DamagedEntry damaged) {
                log.debug("Damaged entry {} in {}", path, source.sourcePath(), damaged);
                failedChild(context, path, childPath, "This entry of the ZIP archive is damaged (" + damaged.getMessage() + ").");
            }
        }
        return ParsedDocument.container(MEDIA_TYPE);
    }

    /** Why an entry cannot be read, or null when it can. */
    private static String refusal(ZipArchiveEntry e, boolean readable, ImportContext context) {
        if (e.getGeneralPurposeBit().usesEncryption()) {
            return "This entry of the ZIP archive is password-protected; Quarry cannot read it without the password.";
        }
        if (!readable) {
            ZipMethod m = ZipMethod.getMethodByCode(e.getMethod());
            return "This entry is compressed with " + (m == null ? "method " + e.getMethod() : m.name().replace('_', ' '))
                    + ", which Quarry cannot unpack; extract the archive with 7-Zip and import the folder.";
        }
        if (e.getSize() > context.maxFileBytes()) {
            return "The file is " + mb(e.getSize()) + ", over the matter's limit of " + mb(context.maxFileBytes()) + ".";
        }
        return null;
    }

    private static ParsedDocument passwordRequired() {
        return ParsedDocument.passwordRequired(MEDIA_TYPE,
                "The ZIP archive is password-protected; Quarry cannot read its contents without the password.");
    }

    /** No usable central directory: read local headers in order until the damage, keep what came before it. */
    private ParsedDocument salvage(Source source, ImportContext context, IOException why) throws IOException {
        ZipExpansion expansion = new ZipExpansion(context, maxRatio, ratioFreeBytes);
        int entries = 0, children = 0, encrypted = 0;
        String damage = why.getMessage();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(Files.newInputStream(source.file()), "UTF-8", true, true)) {
            ZipArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                context.cancel().throwIfCancelled();
                if (++entries > maxEntries) {
                    throw new ContainerLimitException("The ZIP archive holds more than " + maxEntries
                            + " entries, over the safety limit; it was not imported.");
                }
                String name = ZipNames.entryName(e);
                if (e.isDirectory() || ZipNames.isJunk(name)) continue;
                String path = ZipNames.cleanPath(name);
                String childPath = source.sourcePath() + "!/" + path;
                if (e.getGeneralPurposeBit().usesEncryption()) encrypted++;
                String refused = refusal(e, in.canReadEntryData(e), context);
                if (refused != null) {
                    failedChild(context, path, childPath, refused);
                } else {
                    // Sizes in local headers are often unknown here (-1); the stream guard still applies.
                    context.children().add(ZipNames.fileName(path), childPath, expansion.guard(in, path, e.getSize(), e.getCompressedSize()), Map.of());
                }
                children++;
            }
        } catch (IOException | IllegalArgumentException broken) {
            if (broken instanceof IOException io && !(io instanceof ZipExpansion.DamagedEntry) && !isArchiveError(io)) throw io;
            damage = broken.getMessage();
        }
        if (children > 0 && encrypted == children) return passwordRequired();
        String reason = children == 0
                ? "The ZIP archive is damaged or incomplete and nothing could be read from it (" + damage + ")."
                : "The ZIP archive is damaged or incomplete (" + damage + "); the " + children
                  + " file(s) before the damage were imported, anything after it is missing.";
        return ParsedDocument.failed(MEDIA_TYPE, reason);
    }

    /** Errors the archive reader raises about the archive itself, as opposed to the disk or the matter. */
    private static boolean isArchiveError(IOException e) {
        return e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException
                || e.getClass().getPackageName().startsWith("org.apache.commons.compress");
    }

    /**
     * A child that stands for an entry Quarry could not take: stored as a FAILED document under the
     * entry's own name so the user sees it, with a tiny body that names it (so that two such entries
     * never collapse into one document by their content hash).
     */
    private static void failedChild(ImportContext context, String path, String childPath, String reason) throws IOException {
        byte[] body = ("Not imported: " + childPath + "\n" + reason + "\n").getBytes(StandardCharsets.UTF_8);
        context.children().add(ZipNames.fileName(path), childPath, new ByteArrayInputStream(body), Map.of(Fields.FAILURE, reason));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
