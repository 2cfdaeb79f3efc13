package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects embedded in Office documents (a spreadsheet inside a memo, a PDF inside a slide), handed to the
 * import as children of the document, as e-mail attachments are. An OOXML package keeps them under
 * {@code word/embeddings}, {@code xl/embeddings} or {@code ppt/embeddings}: a package (.xlsx, .docx) is
 * taken as it is; an OLE object ({@code oleObjectN.bin}) is unwrapped to the file it carries: the
 * original file of an OLE 1.0 "Package" object ({@link Ole10Native}), the PDF of an Acrobat object
 * (its {@code CONTENTS} stream), or the binary Office document it is (named .doc, .xls, .ppt or .msg so
 * its importer takes it). Images are not objects and stay out.
 */
final class EmbeddedObjects {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedObjects.class);
    private static final Pattern EMBEDDINGS = Pattern.compile("/(word|xl|ppt)/embeddings/.*", Pattern.CASE_INSENSITIVE);
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private final Source source;
    private final ImportContext context;
    private final Set<String> names = new HashSet<>();
    private int count;

    EmbeddedObjects(Source source, ImportContext context) {
        this.source = source;
        this.context = context;
    }

    /** Adds every embedded object of an OOXML package as a child; returns how many. */
    static int fromPackage(OPCPackage pkg, Source source, ImportContext context) throws IOException {
        EmbeddedObjects objects = new EmbeddedObjects(source, context);
        List<PackagePart> parts;
        try {
            parts = pkg.getPartsByName(EMBEDDINGS);
        } catch (RuntimeException e) {
            log.info("The embedded objects of {} could not be listed: {}", source.sourcePath(), e.toString());
            return 0;
        }
        for (PackagePart part : parts) {
            context.cancel().throwIfCancelled();
            String name = part.getPartName().getName();
            name = name.substring(name.lastIndexOf('/') + 1);
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = new LimitedRead(in, context.maxFileBytes()).bytes();
            } catch (IOException | RuntimeException e) {
                // A damaged embedded part must not cost the document its own text: it is left out, and logged.
                log.info("An embedded object {} of {} could not be read: {}", name, source.sourcePath(), e.toString());
                continue;
            }
            if (bytes == null) {
                log.info("An embedded object {} of {} is over the per-file limit and was left out", name, source.sourcePath());
                continue;
            }
            objects.add(name, bytes);
        }
        return objects.count;
    }

    /** Adds one embedded object, unwrapped when it is an OLE container. */
    void add(String partName, byte[] bytes) throws IOException {
        String name = partName;
        byte[] content = bytes;
        if (startsWithOle2(bytes)) {
            Unwrapped u = unwrap(partName, bytes);
            name = u.name();
            content = u.bytes();
        }
        if (content.length == 0) return;
        String unique = unique(name);
        count++;
        try (InputStream in = new ByteArrayInputStream(content)) {
            context.children().add(unique, source.sourcePath() + "!/" + unique, in, Map.of());
        }
    }

    record Unwrapped(String name, byte[] bytes) {}

    /** The file an OLE object stands for; the object as it is (.bin) when it is none Quarry knows. */
    static Unwrapped unwrap(String partName, byte[] ole) {
        String stem = stem(partName);
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(ole))) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry(Ole10Native.OLE10_NATIVE)) {
                Ole10Native n = Ole10Native.createFromEmbeddedOleObject(root);
                String file = first(n.getFileName(), n.getLabel(), stem + ".bin");
                file = file.substring(Math.max(file.lastIndexOf('\\'), file.lastIndexOf('/')) + 1);
                return new Unwrapped(file, n.getDataBuffer());
            }
            if (root.hasEntry("CONTENTS")) {
                // Acrobat's OLE object keeps the PDF in CONTENTS.
                try (DocumentInputStream in = root.createDocumentInputStream("CONTENTS")) {
                    byte[] pdf = in.readAllBytes();
                    if (pdf.length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F') {
                        return new Unwrapped(stem + ".pdf", pdf);
                    }
                }
            }
            if (root.hasEntry("Package")) {
                // An OOXML document embedded as an OLE object: the package is the "Package" stream.
                try (DocumentInputStream in = root.createDocumentInputStream("Package")) {
                    byte[] pkg = in.readAllBytes();
                    return new Unwrapped(stem + "." + ooxmlExtension(pkg), pkg);
                }
            }
            String ext = root.hasEntry("WordDocument") ? "doc"
                    : root.hasEntry("Workbook") || root.hasEntry("Book") ? "xls"
                    : root.hasEntry("PowerPoint Document") ? "ppt"
                    : root.hasEntry("__properties_version1.0") ? "msg" : "bin";
            return new Unwrapped(stem + "." + ext, ole);
        } catch (IOException | org.apache.poi.poifs.filesystem.Ole10NativeException | RuntimeException e) {
            // A damaged object is still a child: it fails on its own with a reason, its siblings import.
            log.info("An embedded OLE object {} could not be unwrapped: {}", partName, e.toString());
            return new Unwrapped(stem + ".bin", ole);
        }
    }

    /** .docx, .xlsx or .pptx by the main part the package holds. */
    private static String ooxmlExtension(byte[] pkg) {
        try (OPCPackage p = OPCPackage.open(new ByteArrayInputStream(pkg))) {
            if (!p.getPartsByName(Pattern.compile("/word/.*")).isEmpty()) return "docx";
            if (!p.getPartsByName(Pattern.compile("/xl/.*")).isEmpty()) return "xlsx";
            if (!p.getPartsByName(Pattern.compile("/ppt/.*")).isEmpty()) return "pptx";
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            log.info("An embedded package could not be opened: {}", e.toString());
        }
        return "zip";
    }

    private String unique(String name) {
        String n = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}!]", "_");
        if (n.isBlank()) n = "object.bin";
        if (n.length() > 150) n = n.substring(0, 150);
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        String ext = dot > 0 ? n.substring(dot) : "";
        String candidate = n;
        for (int i = 2; !names.add(candidate.toLowerCase(Locale.ROOT)); i++) candidate = stem + " (" + i + ")" + ext;
        return candidate;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return null;
    }

    static boolean startsWithOle2(byte[] b) {
        if (b.length < OLE2.length) return false;
        for (int i = 0; i < OLE2.length; i++) if (b[i] != OLE2[i]) return false;
        return true;
    }

    /** Reads a stream whole, or gives null when it is longer than the limit. */
    private record LimitedRead(InputStream in, long limit) {
        byte[] bytes() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) return null;
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
