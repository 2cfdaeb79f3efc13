package dev.quarry.documents.importers;

import dev.quarry.documents.ContainerLimitException;
import dev.quarry.documents.Fields;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZIP archives. Each file entry becomes a child of the import (nested archives are read the same way
 * by the import service); nothing is extracted to disk, entries stream straight into the matter.
 *
 * <p>Reads with {@link ZipFile} (the central directory: sizes are known before any byte is read, and
 * entries with data descriptors work). A ZIP whose central directory is unreadable (a truncated
 * download) is salvaged with {@link ZipInputStream} up to the damage and ends FAILED with a reason.
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
        ZipFile zip;
        try {
            zip = open(file);
        } catch (ZipException e) {
            if (ZipProbe.hasEncryptedEntry(file)) {
                return ParsedDocument.passwordRequired(MEDIA_TYPE,
                        "The ZIP archive is password-protected; Quarry cannot read its contents without the password.");
            }
            return salvage(source, context, e);
        }
        try (zip) {
            return readCentral(zip, source, context);
        }
    }

    static final String MEDIA_TYPE = "application/zip";

    /** Names are UTF-8 when the archive says so; older Windows tools wrote them in code page 437. */
    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedName) {
            return new ZipFile(file.toFile(), Charset.forName("IBM437"));
        }
    }

    private ParsedDocument readCentral(ZipFile zip, Source source, ImportContext context) throws IOException {
        if (zip.size() > maxEntries) {
            return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive lists " + zip.size() + " entries, more than the safety limit of "
                    + maxEntries + "; it was not imported.");
        }
        // First pass over the central directory only: refuse a bomb before anything is stored.
        List<ZipEntry> files = new ArrayList<>();
        long declaredTotal = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (e.isDirectory() || isJunk(e.getName())) continue;
            files.add(e);
            long size = e.getSize();
            if (size < 0) continue;
            if (size <= context.maxFileBytes()) declaredTotal += size;
            if (size > ratioFreeBytes && e.getCompressedSize() > 0 && size / e.getCompressedSize() > maxRatio) {
                return ParsedDocument.failed(MEDIA_TYPE, "The entry " + cleanPath(e.getName()) + " would expand "
                        + size / e.getCompressedSize() + " times, which only zip bombs do; the ZIP archive was not imported.");
            }
        }
        if (declaredTotal > context.maxExpandBytes()) {
            return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive would expand to " + mb(declaredTotal)
                    + ", over the safety limit of " + mb(context.maxExpandBytes()) + "; it was not imported.");
        }
        if (files.isEmpty()) return ParsedDocument.failed(MEDIA_TYPE, "The ZIP archive holds no files.");

        Expansion expansion = new Expansion(context);
        for (ZipEntry e : files) {
            context.cancel().throwIfCancelled();
            String path = cleanPath(e.getName());
            String childPath = source.sourcePath() + "!/" + path;
            if (e.getSize() > context.maxFileBytes()) {
                failedChild(context, path, childPath, "The file is " + mb(e.getSize()) + ", over the matter's limit of "
                        + mb(context.maxFileBytes()) + ".");
                continue;
            }
            try (InputStream in = zip.getInputStream(e)) {
                context.children().add(fileName(path), childPath,
                        expansion.guard(in, path, e.getSize(), e.getCompressedSize()), Map.of());
            } catch (ZipException | java.io.EOFException damaged) {
                log.debug("Damaged entry {} in {}", path, source.sourcePath(), damaged);
                failedChild(context, path, childPath, "This entry of the ZIP archive is damaged (" + damaged.getMessage() + ").");
            }
        }
        return ParsedDocument.container(MEDIA_TYPE);
    }

    /** No usable central directory: read local headers in order until the damage, keep what came before it. */
    private ParsedDocument salvage(Source source, ImportContext context, ZipException why) throws IOException {
        Expansion expansion = new Expansion(context);
        int entries = 0, children = 0;
        String damage = why.getMessage();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source.file()), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                context.cancel().throwIfCancelled();
                if (++entries > maxEntries) {
                    throw new ContainerLimitException("The ZIP archive holds more than " + maxEntries
                            + " entries, over the safety limit; it was not imported.");
                }
                if (e.isDirectory() || isJunk(e.getName())) continue;
                String path = cleanPath(e.getName());
                String childPath = source.sourcePath() + "!/" + path;
                // Sizes in local headers are often unknown here (-1); the stream guard still applies.
                context.children().add(fileName(path), childPath, expansion.guard(in, path, e.getSize(), e.getCompressedSize()), Map.of());
                children++;
            }
        } catch (ZipException | java.io.EOFException | IllegalArgumentException broken) {
            damage = broken.getMessage();
        }
        String reason = children == 0
                ? "The ZIP archive is damaged or incomplete and nothing could be read from it (" + damage + ")."
                : "The ZIP archive is damaged or incomplete (" + damage + "); the " + children
                  + " file(s) before the damage were imported, anything after it is missing.";
        return ParsedDocument.failed(MEDIA_TYPE, reason);
    }

    /**
     * A child that stands for an entry Quarry could not take: stored as a FAILED document under the
     * entry's own name so the user sees it, with a tiny body that names it (so that two such entries
     * never collapse into one document by their content hash).
     */
    private static void failedChild(ImportContext context, String path, String childPath, String reason) throws IOException {
        byte[] body = ("Not imported: " + childPath + "\n" + reason + "\n").getBytes(StandardCharsets.UTF_8);
        context.children().add(fileName(path), childPath, new ByteArrayInputStream(body), Map.of(Fields.FAILURE, reason));
    }

    /** Mac resource forks, Finder and Explorer litter: never documents. */
    static boolean isJunk(String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("__MACOSX/") || n.contains("/__MACOSX/")) return true;
        String base = fileName(n);
        return base.equals(".DS_Store") || base.startsWith("._") || base.equalsIgnoreCase("Thumbs.db")
                || base.equalsIgnoreCase("desktop.ini") || base.isEmpty();
    }

    /**
     * The entry path as shown to users: forward slashes, no drive letter, no empty, "." or ".." segments
     * (nothing is written to disk, so "../" is harmless, but it must not confuse a reader).
     */
    static String cleanPath(String entryName) {
        StringBuilder sb = new StringBuilder();
        for (String seg : entryName.replace('\\', '/').split("/")) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) continue;
            if (sb.length() == 0 && seg.length() == 2 && seg.charAt(1) == ':') continue;
            String clean = seg.chars().filter(ch -> ch >= 0x20 && ch != 0x7F)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (clean.isBlank()) continue;
            if (sb.length() > 0) sb.append('/');
            sb.append(clean);
        }
        return sb.length() == 0 ? "unnamed" : sb.toString();
    }

    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    /** Counts what one archive really inflates to and stops it at the limits, whatever its headers claim. */
    private final class Expansion {
        private final ImportContext context;
        private long total;

        Expansion(ImportContext context) {
            this.context = context;
        }

        InputStream guard(InputStream in, String path, long declaredSize, long compressedSize) {
            return new FilterInputStream(in) {
                private long count;

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
                    // The archive owns the entry stream.
                }

                private void advance(int n) {
                    count += n;
                    total += n;
                    if (count > context.maxFileBytes()) {
                        throw new ContainerLimitException("The entry " + path + " expands to more than " + mb(context.maxFileBytes())
                                + ", over the safety limit; the ZIP archive was not imported.");
                    }
                    if (total > context.maxExpandBytes()) {
                        throw new ContainerLimitException("The ZIP archive expands to more than " + mb(context.maxExpandBytes())
                                + ", over the safety limit; it was not imported.");
                    }
                    if (declaredSize >= 0 && count > declaredSize) {
                        throw new ContainerLimitException("The entry " + path + " holds more than its header says; the ZIP archive"
                                + " is damaged or malicious and was not imported.");
                    }
                    if (count > ratioFreeBytes && compressedSize > 0 && count / compressedSize > maxRatio) {
                        throw new ContainerLimitException("The entry " + path + " expands more than " + maxRatio
                                + " times, which only zip bombs do; the ZIP archive was not imported.");
                    }
                }
            };
        }
    }
}
