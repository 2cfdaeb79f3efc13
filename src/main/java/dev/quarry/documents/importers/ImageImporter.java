package dev.quarry.documents.importers;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import dev.quarry.documents.render.ScanPages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Image files as documents: TIFF (single and multi-page, any compression the JDK's TIFF reader knows,
 * CCITT G3/G4 included), PNG and JPEG. Each frame is a page with no text yet, flagged for OCR; the import's
 * OCR step reads them (docs/adr/0011-ocr.md).
 */
public final class ImageImporter implements Importer {
    static final String NEEDS_OCR = "The file is an image; its text needs OCR.";
    private static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg");

    @Override
    public String name() {
        return "image";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension()) || mediaType(head) != null;
    }

    /** The media type the first bytes say, or null. */
    static String mediaType(byte[] head) {
        if (Importers.startsWith(head, new byte[] {'I', 'I', 42, 0}) || Importers.startsWith(head, new byte[] {'M', 'M', 0, 42})) {
            return "image/tiff";
        }
        if (Importers.startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) return "image/png";
        if (Importers.startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) return "image/jpeg";
        return null;
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        byte[] head;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(source.file())) {
            head = in.readNBytes(16);
        }
        String type = mediaType(head);
        if (type == null) {
            String ext = source.extension();
            String named = ext.startsWith("tif") ? "TIFF" : ext.equals("png") ? "PNG" : "JPEG";
            return ParsedDocument.failed(ScanPages.mediaTypeOf(ext), head.length == 0
                    ? "The image file is empty (0 bytes)." : "The file is named as a " + named + " image but is not one.");
        }
        int frames;
        try {
            frames = ScanPages.frames(source.file());
        } catch (IOException | RuntimeException e) {
            return ParsedDocument.failed(type, "The image could not be read (" + ScanPages.describe(e) + ").");
        }
        if (frames == 0) return ParsedDocument.failed(type, "The image file holds no image.");
        List<ParsedPage> pages = new ArrayList<>(frames);
        for (int i = 1; i <= frames; i++) pages.add(new ParsedPage(i, "", null, true, null));
        return new ParsedDocument(DocumentStatus.NEEDS_OCR, NEEDS_OCR, type, false, pages, null, null, null,
                Map.of("image.frames", String.valueOf(frames)));
    }
}
