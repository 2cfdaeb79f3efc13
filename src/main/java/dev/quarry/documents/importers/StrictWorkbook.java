package dev.quarry.documents.importers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Strict Open XML workbooks, which POI's reader cannot resolve (POI bug 57699). Strict differs from
 * ordinary .xlsx mostly in its namespace and relationship URIs, so the parts are found here by the
 * Strict relationship types and their XML is handed to POI's usual handlers with the transitional
 * namespace put back. Each part is read whole into memory; Strict workbooks are rare and small.
 */
final class StrictWorkbook {
    private static final String REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/";
    private static final String STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private static final String TRANSITIONAL_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private StrictWorkbook() {}

    static boolean isStrict(OPCPackage pkg) {
        return !pkg.getRelationshipsByType(REL + "officeDocument").isEmpty();
    }

    static void read(OPCPackage pkg, SheetPages pages, XSSFSheetXMLHandler.SheetContentsHandler rows)
            throws IOException, InvalidFormatException, SAXException, ParserConfigurationException {
        PackagePart workbook = pkg.getPart(pkg.getRelationshipsByType(REL + "officeDocument").getRelationship(0));
        ReadOnlySharedStringsTable strings = null;
        StylesTable styles = null;
        for (PackageRelationship r : workbook.getRelationships()) {
            if (r.getRelationshipType().equals(REL + "sharedStrings")) {
                strings = new ReadOnlySharedStringsTable(transitional(part(pkg, workbook, r)), false);
            } else if (r.getRelationshipType().equals(REL + "styles")) {
                try {
                    StylesTable t = new StylesTable();
                    t.readFrom(transitional(part(pkg, workbook, r)));
                    styles = t;
                } catch (IOException | RuntimeException e) {
                    styles = null; // values then show unformatted
                }
            }
        }
        if (strings == null) strings = new ReadOnlySharedStringsTable(new ByteArrayInputStream(
                ("<sst xmlns=\"" + TRANSITIONAL_NS + "\"/>").getBytes(StandardCharsets.UTF_8)), false);
        DataFormatter formatter = new DataFormatter();
        for (String[] sheet : sheets(workbook)) {
            PackageRelationship r = workbook.getRelationship(sheet[1]);
            if (r == null || !r.getRelationshipType().equals(REL + "worksheet")) continue;
            pages.startSheet(sheet[0]);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new IsoDates(new XSSFSheetXMLHandler(styles, null, strings, rows, formatter, false), rows));
            parser.parse(new InputSource(transitional(part(pkg, workbook, r))));
        }
    }

    /** Sheet names and relationship ids, in workbook order. */
    private static List<String[]> sheets(PackagePart workbook)
            throws IOException, SAXException, ParserConfigurationException {
        List<String[]> out = new ArrayList<>();
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                if (!local.equals("sheet")) return;
                String id = null;
                for (int i = 0; i < atts.getLength(); i++) if (atts.getLocalName(i).equals("id")) id = atts.getValue(i);
                if (id != null) out.add(new String[] {atts.getValue("name"), id});
            }
        });
        try (InputStream in = workbook.getInputStream()) {
            parser.parse(new InputSource(in));
        }
        return out;
    }

    /**
     * Strict files may store a date cell as ISO-8601 text where POI expects a serial number; such a
     * value is passed on as written instead of failing the whole workbook.
     */
    private static final class IsoDates extends DefaultHandler {
        private final DefaultHandler poi;
        private final XSSFSheetXMLHandler.SheetContentsHandler rows;
        private final StringBuilder raw = new StringBuilder();
        private String ref;

        IsoDates(DefaultHandler poi, XSSFSheetXMLHandler.SheetContentsHandler rows) {
            this.poi = poi;
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            if (local.equals("c")) ref = atts.getValue("r");
            if (local.equals("v")) raw.setLength(0);
            poi.startElement(uri, local, qName, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            raw.append(ch, start, length);
            poi.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            try {
                poi.endElement(uri, local, qName);
            } catch (NumberFormatException e) {
                rows.cell(ref, raw.toString(), null);
            }
        }
    }

    private static PackagePart part(OPCPackage pkg, PackagePart from, PackageRelationship r) throws InvalidFormatException {
        URI target = PackagingURIHelper.resolvePartUri(from.getPartName().getURI(), r.getTargetURI());
        PackagePart p = pkg.getPart(PackagingURIHelper.createPartName(target));
        if (p == null) throw new InvalidFormatException("Missing part " + target);
        return p;
    }

    private static InputStream transitional(PackagePart part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ByteArrayInputStream(xml.replace(STRICT_NS, TRANSITIONAL_NS).getBytes(StandardCharsets.UTF_8));
        }
    }
}
