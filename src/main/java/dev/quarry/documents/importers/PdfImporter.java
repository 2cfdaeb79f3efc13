package dev.quarry.documents.importers;

import dev.quarry.core.jobs.JobCancelledException;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import java.nio.file.Path;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PDF files, with Apache PDFBox. Text per page exactly as PDFBox's stripper (sorted by position) writes
 * it, word boxes for highlighting, image-only pages flagged for OCR, Bates stamps found in the page
 * margins, and the document information (title, author, creation date).
 *
 * <p>Bad files are normal in a production: a file that needs a user password ends PASSWORD_REQUIRED, one
 * that PDFBox cannot repair (it already parses leniently and rebuilds broken cross-reference tables)
 * ends FAILED, a scan without a text layer ends NEEDS_OCR; each with a sentence a user can act on.
 */
public final class PdfImporter implements Importer {
    private static final Logger log = LoggerFactory.getLogger(PdfImporter.class);
    static final String MEDIA_TYPE = "application/pdf";
    static final String NO_TEXT_LAYER = "The PDF has no text layer (scanned images); it needs OCR.";
    static final String UNMAPPED_FONTS =
            "The PDF's text uses fonts that do not say which characters they draw, so it cannot be extracted; it needs OCR.";
    /**
     * A page that drew an image and has fewer letters than this in its text layer is a scan with a stamp (a Bates
     * number, "CONFIDENTIAL"), not text: it is read by OCR.
     */
    static final int MIN_LETTERS = 25;
    /** How far into a file we look for "%PDF-": some producers put junk before the header. */
    private static final int HEADER_WINDOW = 1024;
    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    /** Above this, PDFBox's scratch buffers spill to temporary files instead of the heap. */
    private static final long SCRATCH_IN_MEMORY = 16L << 20;

    @Override
    public String name() {
        return "pdf";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return "pdf".equals(source.extension()) || hasPdfHeader(head);
    }

    static boolean hasPdfHeader(byte[] head) {
        int limit = Math.min(head.length, HEADER_WINDOW) - MAGIC.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int k = 0; k < MAGIC.length; k++) {
                if (head[i + k] != MAGIC[k]) continue outer;
            }
            return true;
        }
        return false;
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        Path file = source.file();
        if (java.nio.file.Files.size(file) == 0) {
            return ParsedDocument.failed(MEDIA_TYPE, "The PDF is empty (0 bytes).");
        }
        PDDocument doc;
        try {
            doc = open(file);
        } catch (InvalidPasswordException e) {
            return ParsedDocument.passwordRequired(MEDIA_TYPE,
                    "The PDF is protected by a password that must be entered to open it.");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox throws plain IOExceptions (and, on hostile files, runtime exceptions) for
            // everything it cannot repair; the user needs to know the file is unreadable, the log keeps why.
            log.info("Cannot open PDF {}: {}", source.sourcePath(), e.toString());
            return ParsedDocument.failed(MEDIA_TYPE, openFailure(source, e));
        }
        try (doc) {
            return read(doc, source, context);
        }
    }

    /**
     * Opens with the empty user password, which is all a file protected only by an owner password
     * needs; PDFBox parses leniently and rebuilds a broken cross-reference table by itself. The file is
     * read through a buffered random-access file, so a large PDF is not loaded into the heap.
     */
    private static PDDocument open(Path file) throws IOException {
        RandomAccessStreamCache.StreamCacheCreateFunction scratch = MemoryUsageSetting.setupMixed(SCRATCH_IN_MEMORY).streamCache;
        // A Path, not a File (as Loader.loadPDF(File) does inside): an encrypted matter's copy is in its vault.
        RandomAccessReadBufferedFile first = new RandomAccessReadBufferedFile(file);
        try {
            return Loader.loadPDF(first, "", null, null, scratch);
        } catch (IOException e) {
            first.close();
            if (!(e instanceof InvalidPasswordException)) throw e;
            // Encryption that covers only the attachments keeps the pages readable without a password.
            RandomAccessReadBufferedFile in = new RandomAccessReadBufferedFile(file);
            try {
                return new AttachmentOnlyEncryptionParser(in, scratch).parse();
            } catch (IOException | RuntimeException again) {
                in.close();
                throw e;
            }
        }
    }

    private static String openFailure(Source source, Throwable e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("security handler") || msg.contains("PublicKey")) {
            return "The PDF is encrypted with a certificate, which Quarry cannot open.";
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(source.file())) {
            byte[] head = in.readNBytes(HEADER_WINDOW);
            if (!hasPdfHeader(head)) return "The file is not a PDF (it has no PDF header) and could not be read.";
        } catch (IOException ignored) {
            // The damaged-file message below is still true.
        }
        return "The PDF is damaged and could not be opened, even with PDFBox's repair.";
    }

    private ParsedDocument read(PDDocument doc, Source source, ImportContext context) {
        int pageCount = doc.getNumberOfPages();
        if (pageCount == 0) {
            return ParsedDocument.failed(MEDIA_TYPE, "The PDF has no pages.");
        }
        PdfPageStripper.Page[] pages = new PdfPageStripper.Page[pageCount];
        TreeSet<Integer> unreadable = new TreeSet<>();
        PdfPageStripper stripper = new PdfPageStripper(context.cancel());
        // One pass over the document; when a page throws, note it and go on after it.
        int next = 1;
        while (next <= pageCount) {
            context.cancel().throwIfCancelled();
            try {
                stripper.extract(doc, next, pageCount, p -> {
                    if (p.number() >= 1 && p.number() <= pageCount) pages[p.number() - 1] = p;
                });
                next = pageCount + 1;
            } catch (JobCancelledException e) {
                throw e;
            } catch (IOException | RuntimeException | StackOverflowError e) {
                int bad = Math.max(stripper.failedPage(), next);
                log.info("PDF {}: page {} could not be read: {}", source.sourcePath(), bad, e.toString());
                unreadable.add(bad);
                next = bad + 1;
            }
        }

        List<ParsedPage> parsed = new ArrayList<>(pageCount);
        int withText = 0, imageOnly = 0, unmappedOnly = 0, stamped = 0;
        for (int i = 0; i < pageCount; i++) {
            PdfPageStripper.Page p = pages[i];
            String text = p == null ? "" : p.text();
            boolean hasText = !text.isBlank();
            String bates = hasText && p.layout() != null ? PdfMarginBates.find(text, p.layout()) : null;
            // A scanned page stamped with a Bates number or a few words has no usable text layer: OCR reads the
            // whole page, stamp included. Its text stays as extracted until then (and is not chunked).
            boolean stampOnly = hasText && p.drewImage() && letters(text) < MIN_LETTERS;
            if (stampOnly) {
                stamped++;
                hasText = false;
            }
            // Pictures, or glyphs whose font maps them to no character: either way only OCR can read it.
            boolean scanned = !hasText && p != null && (p.drewImage() || p.unmappedGlyphs() > 0);
            if (scanned && !p.drewImage()) unmappedOnly++;
            if (hasText) withText++;
            if (scanned) imageOnly++;
            parsed.add(new ParsedPage(i + 1, text, bates, scanned, stampOnly || hasText ? p.layout() : null));
        }

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("pdf.version", String.valueOf(doc.getVersion()));
        if (doc.isEncrypted()) metadata.put("pdf.encrypted", "true");
        if (!unreadable.isEmpty()) metadata.put("pdf.unreadable_pages", joined(unreadable));
        if (stamped > 0) metadata.put("pdf.stamp_only_pages", String.valueOf(stamped));

        ParsedDocument result;
        if (unreadable.size() == pageCount) {
            result = ParsedDocument.failed(MEDIA_TYPE, pageCount == 1
                    ? "The PDF's only page could not be read; the file is damaged."
                    : "None of the PDF's " + pageCount + " pages could be read; the file is damaged.");
        } else if (withText == 0 && imageOnly > 0) {
            result = ParsedDocument.completed(MEDIA_TYPE, parsed).withStatus(DocumentStatus.NEEDS_OCR,
                    unmappedOnly == imageOnly ? UNMAPPED_FONTS : NO_TEXT_LAYER);
        } else if (withText == 0) {
            result = ParsedDocument.completed(MEDIA_TYPE, parsed).withStatus(DocumentStatus.FAILED, pageCount == 1
                    ? "The PDF's page has no text and no images (it is blank or drawn as vector graphics)."
                    : "The PDF's " + pageCount + " pages have no text and no images (they are blank or drawn as vector graphics).");
        } else {
            result = ParsedDocument.completed(MEDIA_TYPE, parsed);
        }
        return withInfo(result, doc, metadata);
    }

    private static ParsedDocument withInfo(ParsedDocument result, PDDocument doc, Map<String, String> metadata) {
        String title = null, author = null;
        Instant created = null;
        try {
            PDDocumentInformation info = doc.getDocumentInformation();
            title = clean(info.getTitle());
            author = clean(info.getAuthor());
            created = instant(info.getCreationDate());
            putIfPresent(metadata, "pdf.subject", info.getSubject());
            putIfPresent(metadata, "pdf.keywords", info.getKeywords());
            putIfPresent(metadata, "pdf.creator", info.getCreator());
            putIfPresent(metadata, "pdf.producer", info.getProducer());
            Instant modified = instant(info.getModificationDate());
            if (modified != null) metadata.put("pdf.modified", modified.toString());
        } catch (RuntimeException e) {
            // A malformed info dictionary (wrong types, broken references) costs the metadata, not the text.
            log.debug("Unreadable PDF document information: {}", e.toString());
        }
        return result.withInfo(title, author, created, metadata);
    }

    private static Instant instant(Calendar c) {
        if (c == null) return null;
        Instant i = c.toInstant();
        // Years 0–1000 and far futures are producer bugs, not dates anyone wants to sort by.
        return i.isBefore(Instant.parse("1970-01-01T00:00:00Z")) || i.isAfter(Instant.parse("2200-01-01T00:00:00Z")) ? null : i;
    }

    private static String clean(String s) {
        if (s == null) return null;
        String t = s.replace('\u0000', ' ').strip();
        return t.isEmpty() ? null : t;
    }

    private static void putIfPresent(Map<String, String> m, String key, String value) {
        String v = clean(value);
        if (v != null) m.put(key, v);
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) if (Character.isLetter(text.charAt(i))) n++;
        return n;
    }

    private static String joined(TreeSet<Integer> pages) {
        StringBuilder b = new StringBuilder();
        for (int p : pages) {
            if (b.length() > 0) b.append(", ");
            b.append(p);
        }
        return b.toString();
    }
}
