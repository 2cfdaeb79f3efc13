package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.hpsf.SummaryInformation;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.HWPFOldDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.hwpf.extractor.Word6Extractor;
import org.apache.poi.hwpf.extractor.WordExtractor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Word 97–2003 (.doc) through POI HWPF. Word keeps explicit page breaks in the text as form feeds;
 * pages are split there, otherwise the document is one page. Word 6/95 files are read through POI's
 * older-format extractor, which recovers the text but not tables or headers; anything older (Word
 * 2.x and earlier) fails with a reason.
 */
public final class DocImporter implements Importer {
    static final String MEDIA = "application/msword";
    static final String TOO_OLD = "This is a Word 95 (or older) document, which Quarry cannot read.";
    private static final Set<String> EXTENSIONS = Set.of("doc", "dot");

    @Override
    public String name() {
        return "doc";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        if (Files.size(source.file()) == 0) return ParsedDocument.failed(MEDIA, OfficeFiles.EMPTY);
        byte[] head = OfficeFiles.head(source.file());
        if (OfficeFiles.isZip(head)) {
            // Saved as .docx but named .doc (common in productions): read it for what it is.
            return new DocxImporter().parse(source, context);
        }
        if (!OfficeFiles.isOle2(head)) {
            // Word 2.x and other pre-OLE files start with their own magic; RTF saved as .doc is common too.
            if (RtfText.isRtf(head)) return new RtfImporter().parse(source, context);
            return ParsedDocument.failed(MEDIA, isWord2(head) ? TOO_OLD
                    : "The file is not a Word document Quarry can read (it may be damaged or of an older format).");
        }
        try (POIFSFileSystem fs = OfficeFiles.ole2(source.file())) {
            if (fs.getRoot().hasEntry("EncryptionInfo")) return ParsedDocument.passwordRequired(MEDIA, OfficeFiles.PASSWORD);
            try {
                HWPFDocument doc = new HWPFDocument(fs.getRoot());
                return read(doc, context);
            } catch (OldWordFileFormatException old) {
                return readOld(fs, context);
            }
        } catch (QuarryException e) {
            throw e;
        } catch (RuntimeException e) {
            return OfficeFiles.failure(MEDIA, "Word document", e);
        } catch (IOException e) {
            return OfficeFiles.failure(MEDIA, "Word document", e);
        }
    }

    private static boolean isWord2(byte[] head) {
        // Word for Windows 1.x/2.x: 0xDBA5 magic in the file's first word.
        return head.length >= 2 && (head[0] & 0xFF) == 0xDB && (head[1] & 0xFF) == 0xA5;
    }

    private ParsedDocument read(HWPFDocument doc, ImportContext context) {
        WordExtractor ex = new WordExtractor(doc);
        StringBuilder body = new StringBuilder();
        String header = clean(ex.getHeaderText());
        if (!header.isBlank()) body.append(header.strip()).append('\n');
        for (String p : ex.getParagraphText()) {
            context.cancel().throwIfCancelled();
            body.append(clean(WordExtractor.stripFields(p)));
        }
        appendNotes(body, ex.getMainTextboxText());
        appendNotes(body, ex.getFootnoteText());
        appendNotes(body, ex.getEndnoteText());
        appendNotes(body, ex.getCommentsText());
        String footer = clean(ex.getFooterText());
        if (!footer.isBlank()) body.append(footer.strip()).append('\n');
        return withInfo(ParsedDocument.completed(MEDIA, pages(body.toString())), doc);
    }

    private ParsedDocument readOld(POIFSFileSystem fs, ImportContext context) {
        try {
            HWPFOldDocument old = new HWPFOldDocument(fs.getRoot());
            String text = clean(new Word6Extractor(old).getText());
            context.cancel().throwIfCancelled();
            if (text.isBlank()) return ParsedDocument.failed(MEDIA, TOO_OLD);
            return withInfo(ParsedDocument.completed(MEDIA, pages(text)), old);
        } catch (IOException | RuntimeException e) {
            if (e instanceof QuarryException q) throw q;
            return ParsedDocument.failed(MEDIA, TOO_OLD);
        }
    }

    private static void appendNotes(StringBuilder body, String[] notes) {
        for (String n : notes) {
            String t = clean(WordExtractor.stripFields(n)).strip();
            if (!t.isEmpty()) body.append(t).append('\n');
        }
    }

    /** Word's control characters as plain text: paragraph and line marks to newlines, cell marks to tabs. */
    static String clean(String s) {
        if (s == null) return "";
        s = s.replace("\r\n", "\n");
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r', '\u000b' -> b.append('\n');
                case '\u0007' -> b.append('\t');
                case '\f', '\n', '\t' -> b.append(c);
                default -> {
                    if (c >= 0x20 || c == '\u00a0') b.append(c);
                }
            }
        }
        // Word ends a table row with an empty cell mark: "a\tb\t\t\n" → "a\tb\n".
        return b.toString().replaceAll("\t+\n", "\n");
    }

    private static List<ParsedPage> pages(String text) {
        List<ParsedPage> out = new ArrayList<>();
        for (String page : text.split("\f")) {
            if (page.isBlank() && !out.isEmpty()) continue;
            for (int i = 0; i < Math.max(1, page.length()); i += ParsedPage.MAX_CHARS) {
                out.add(ParsedPage.text(out.size() + 1, page.substring(i, Math.min(page.length(), i + ParsedPage.MAX_CHARS))));
            }
        }
        // A document that starts with a break would leave an empty first page.
        if (out.size() > 1 && out.get(0).text().isBlank()) {
            List<ParsedPage> renumbered = new ArrayList<>();
            for (int i = 1; i < out.size(); i++) renumbered.add(ParsedPage.text(i, out.get(i).text()));
            return renumbered;
        }
        return out;
    }

    private static ParsedDocument withInfo(ParsedDocument d, org.apache.poi.POIDocument doc) {
        try {
            return DocImporter.summary(d, doc.getSummaryInformation());
        } catch (RuntimeException e) {
            // A damaged property set (common in fuzzed files) costs the metadata, not the text.
            return d;
        }
    }

    /** Title, author, dates from an OLE2 summary property set (shared with .xls). */
    static ParsedDocument summary(ParsedDocument d, SummaryInformation si) {
        if (si == null) return d;
        Map<String, String> meta = new LinkedHashMap<>();
        if (si.getAuthor() != null && !si.getAuthor().isBlank()) meta.put("creator", si.getAuthor().strip());
        if (si.getLastAuthor() != null && !si.getLastAuthor().isBlank()) meta.put("lastModifiedBy", si.getLastAuthor().strip());
        if (si.getLastSaveDateTime() != null) meta.put("modified", si.getLastSaveDateTime().toInstant().toString());
        java.util.Date date = si.getCreateDateTime() != null ? si.getCreateDateTime() : si.getLastSaveDateTime();
        return d.withInfo(DocxImporter.blankToNull(si.getTitle()), DocxImporter.blankToNull(si.getAuthor()),
                date == null ? null : date.toInstant(), meta);
    }
}
