package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.IRunElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBrType;

/**
 * Word 2007+ (.docx, .docm, .dotx). Paragraphs and tables in body order, table cells tab-separated.
 * A .docx stores no pages (Word lays them out when it opens the file), so the document is one page
 * unless the author put explicit page breaks in it; then a page is what lies between two breaks.
 * Headers and footers repeat on every printed page but are read once: distinct header texts first,
 * distinct footer texts at the end. Embedded objects (a workbook, a PDF, another document) become
 * child documents ({@link EmbeddedObjects}).
 */
public final class DocxImporter implements Importer {
    static final String MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final Set<String> EXTENSIONS = Set.of("docx", "docm", "dotx", "dotm");

    @Override
    public String name() {
        return "docx";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        ParsedDocument pre = OfficeFiles.precheckOoxml(source, MEDIA);
        if (pre != null) return pre;
        try (OPCPackage pkg = OfficeFiles.ooxml(source.file());
             XWPFDocument doc = new XWPFDocument(pkg)) {
            ParsedDocument parsed = read(doc, context);
            EmbeddedObjects.fromPackage(pkg, source, context);
            return parsed;
        } catch (RuntimeException | IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            if (e instanceof dev.quarry.core.QuarryException q) throw q;
            return OfficeFiles.failure(MEDIA, "Word document", e);
        }
    }

    private ParsedDocument read(XWPFDocument doc, ImportContext context) {
        Pages pages = new Pages();
        Set<String> headers = new LinkedHashSet<>();
        for (XWPFHeader h : doc.getHeaderList()) addIfText(headers, h.getText());
        Set<String> footers = new LinkedHashSet<>();
        for (XWPFFooter f : doc.getFooterList()) addIfText(footers, f.getText());
        for (String h : headers) pages.append(h).append("\n");
        for (IBodyElement e : doc.getBodyElements()) {
            context.cancel().throwIfCancelled();
            if (e instanceof XWPFParagraph p) paragraph(p, pages);
            else if (e instanceof XWPFTable t) table(t, pages);
            else if (e instanceof XWPFSDT sdt) pages.append(sdt.getContent().getText()).append("\n");
        }
        for (String f : footers) pages.append(f).append("\n");
        List<ParsedPage> out = pages.finish();
        POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
        Map<String, String> meta = new LinkedHashMap<>();
        putIf(meta, "creator", core.getCreator());
        putIf(meta, "lastModifiedBy", core.getLastModifiedByUser());
        putIf(meta, "company", doc.getProperties().getExtendedProperties().getCompany());
        if (core.getModified() != null) meta.put("modified", core.getModified().toInstant().toString());
        java.util.Date date = core.getCreated() != null ? core.getCreated() : core.getModified();
        return ParsedDocument.completed(MEDIA, out).withInfo(blankToNull(core.getTitle()), blankToNull(core.getCreator()),
                date == null ? null : date.toInstant(), meta);
    }

    private static void paragraph(XWPFParagraph p, Pages pages) {
        if (p.isPageBreak()) pages.breakPage();
        if (!hasPageBreak(p)) {
            pages.append(noNoteMarks(p.getText())).append("\n");
            return;
        }
        for (IRunElement r : p.getIRuns()) {
            if (r instanceof XWPFRun run) {
                for (CTBr br : run.getCTR().getBrList()) {
                    if (br.getType() == STBrType.PAGE) {
                        pages.breakPage();
                        break;
                    }
                }
                pages.append(noNoteMarks(run.text()));
            } else if (r instanceof XWPFSDT sdt) {
                pages.append(sdt.getContent().getText());
            }
        }
        pages.append("\n");
    }

    /**
     * POI writes a note reference as "[footnoteRef:1]" and the note's text after the paragraph as
     * " [1: text]"; the marker is noise, the note text stays where the reader meets it.
     */
    static String noNoteMarks(String s) {
        return s.replaceAll("\\[(?:footnote|endnote)Ref:\\d+\\]", "");
    }

    private static boolean hasPageBreak(XWPFParagraph p) {
        for (XWPFRun run : p.getRuns()) {
            for (CTBr br : run.getCTR().getBrList()) if (br.getType() == STBrType.PAGE) return true;
        }
        return false;
    }

    private static void table(XWPFTable t, Pages pages) {
        for (XWPFTableRow row : t.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell c : row.getTableCells()) cells.add(c.getText().strip().replace('\n', ' ').replace('\t', ' '));
            pages.append(String.join("\t", cells)).append("\n");
        }
    }

    private static void addIfText(Set<String> set, String text) {
        if (text != null && !text.isBlank()) set.add(text.strip());
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) m.put(k, v);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Text split at explicit page breaks; a break before any text makes no empty first page. */
    static final class Pages {
        private final List<String> done = new ArrayList<>();
        private StringBuilder current = new StringBuilder();

        Pages append(String s) {
            if (s == null) return this;
            // POI renders the page break itself as a line break; a new page does not start with it.
            if (current.length() == 0 && !done.isEmpty()) s = s.replaceFirst("^\n+", "");
            current.append(s);
            return this;
        }

        void breakPage() {
            if (current.toString().isBlank()) return;
            done.add(current.toString());
            current = new StringBuilder();
        }

        List<ParsedPage> finish() {
            if (!current.toString().isBlank() || done.isEmpty()) done.add(current.toString());
            List<ParsedPage> out = new ArrayList<>();
            for (String text : done) {
                // A page over the limit is split; Word documents that large are rare but legal exhibits exist.
                for (int i = 0; i < Math.max(1, text.length()); i += ParsedPage.MAX_CHARS) {
                    out.add(ParsedPage.text(out.size() + 1, text.substring(i, Math.min(text.length(), i + ParsedPage.MAX_CHARS))));
                }
            }
            return out;
        }
    }
}
