package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.binary.XSSFBSharedStringsTable;
import org.apache.poi.xssf.binary.XSSFBSheetHandler;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFBReader;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Excel 2007+ (.xlsx, .xlsm, .xltx) and binary .xlsb, read as a stream of rows (POI's event API), so a
 * sheet with a million rows never becomes a million cell objects in memory. Formula cells give the
 * value Excel cached when it last saved the file; numbers and dates are formatted as Excel shows them.
 * Embedded objects (a workbook, a PDF or a memo inserted as an object) become child documents ({@link EmbeddedObjects}).
 */
public final class XlsxImporter implements Importer {
    static final String MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String MEDIA_XLSB = "application/vnd.ms-excel.sheet.binary.macroEnabled.12";
    private static final Set<String> EXTENSIONS = Set.of("xlsx", "xlsm", "xltx", "xltm", "xlsb");
    /** Cells further right than this are dropped: a stray value in column XFD would otherwise pad every row. */
    private static final int MAX_COLUMNS = 1024;

    @Override
    public String name() {
        return "xlsx";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        boolean binary = source.extension().equals("xlsb");
        String media = binary ? MEDIA_XLSB : MEDIA;
        ParsedDocument pre = OfficeFiles.precheckOoxml(source, media);
        if (pre != null) return pre;
        try (OPCPackage pkg = OfficeFiles.ooxml(source.file())) {
            SheetPages pages = new SheetPages(context.cancel());
            if (binary) readBinary(pkg, pages);
            else if (StrictWorkbook.isStrict(pkg)) StrictWorkbook.read(pkg, pages, new Rows(pages));
            else readXml(pkg, pages);
            ParsedDocument parsed = withInfo(ParsedDocument.completed(media, pages.finish()), pkg);
            EmbeddedObjects.fromPackage(pkg, source, context);
            return parsed;
        } catch (QuarryException e) {
            throw e;
        } catch (RuntimeException | IOException | OpenXML4JException | SAXException | ParserConfigurationException e) {
            return OfficeFiles.failure(media, "spreadsheet", e);
        }
    }

    private static void readXml(OPCPackage pkg, SheetPages pages) throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg, true);
        ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
        StylesTable styles = styles(reader);
        DataFormatter formatter = new DataFormatter();
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (it.hasNext()) {
            try (InputStream in = it.next()) {
                pages.startSheet(it.getSheetName());
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(pages), formatter, false));
                parser.parse(new InputSource(in));
            }
        }
    }

    /** Number formats, or none for Strict OOXML, whose styles part POI cannot load: values then show unformatted. */
    private static StylesTable styles(XSSFReader reader) {
        try {
            return reader.getStylesTable();
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            return null;
        }
    }

    private static void readBinary(OPCPackage pkg, SheetPages pages) throws IOException, OpenXML4JException, SAXException {
        XSSFBReader reader = new XSSFBReader(pkg);
        XSSFBSharedStringsTable strings = new XSSFBSharedStringsTable(pkg);
        var styles = reader.getXSSFBStylesTable();
        DataFormatter formatter = new DataFormatter();
        Iterator<InputStream> raw = reader.getSheetsData();
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) raw;
        while (it.hasNext()) {
            try (InputStream in = it.next()) {
                pages.startSheet(it.getSheetName());
                new XSSFBSheetHandler(in, styles, null, strings, new Rows(pages), formatter, false).parse();
            }
        }
    }

    private static ParsedDocument withInfo(ParsedDocument d, OPCPackage pkg) {
        try {
            POIXMLProperties.CoreProperties core = new POIXMLProperties(pkg).getCoreProperties();
            Map<String, String> meta = new LinkedHashMap<>();
            if (core.getCreator() != null && !core.getCreator().isBlank()) meta.put("creator", core.getCreator().strip());
            if (core.getLastModifiedByUser() != null) meta.put("lastModifiedBy", core.getLastModifiedByUser());
            if (core.getModified() != null) meta.put("modified", core.getModified().toInstant().toString());
            java.util.Date date = core.getCreated() != null ? core.getCreated() : core.getModified();
            return d.withInfo(DocxImporter.blankToNull(core.getTitle()), DocxImporter.blankToNull(core.getCreator()),
                    date == null ? null : date.toInstant(), meta);
        } catch (IOException | OpenXML4JException | org.apache.xmlbeans.XmlException | RuntimeException e) {
            // Properties are a nicety; a workbook whose docProps part is broken still has its cells.
            return d;
        }
    }

    /** Collects one row's cells by column (the event API skips empty cells). */
    static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final SheetPages pages;
        private final List<String> cells = new ArrayList<>();
        private int next;

        Rows(SheetPages pages) {
            this.pages = pages;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            next = 0;
        }

        @Override
        public void endRow(int rowNum) {
            pages.row(rowNum + 1, cells);
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = ref == null ? next : new CellReference(ref).getCol();
            next = col + 1;
            if (col >= MAX_COLUMNS || value == null) return;
            while (cells.size() < col) cells.add("");
            if (cells.size() == col) cells.add(value); else cells.set(col, value);
        }
    }
}
