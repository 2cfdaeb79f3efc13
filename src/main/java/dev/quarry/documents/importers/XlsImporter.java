package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Excel 97–2003 (.xls) through POI HSSF. An .xls holds at most 65,536 rows per sheet, so reading it
 * whole is bounded. Formula cells give Excel's cached value, as in {@link XlsxImporter}.
 */
public final class XlsImporter implements Importer {
    static final String MEDIA = "application/vnd.ms-excel";
    private static final Set<String> EXTENSIONS = Set.of("xls", "xlt");
    private static final int MAX_COLUMNS = 1024;

    @Override
    public String name() {
        return "xls";
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
            // Saved as .xlsx but named .xls (common in productions): read it for what it is.
            return new XlsxImporter().parse(source, context);
        }
        if (!OfficeFiles.isOle2(head)) {
            return ParsedDocument.failed(MEDIA, "The file is not an Excel workbook Quarry can read (it may be damaged, "
                    + "of an older Excel format, or text saved with an .xls name).");
        }
        try (POIFSFileSystem fs = OfficeFiles.ole2(source.file())) {
            if (fs.getRoot().hasEntry("EncryptionInfo")) return ParsedDocument.passwordRequired(MEDIA, OfficeFiles.PASSWORD);
            try (HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), false)) {
                return read(wb, context);
            }
        } catch (OldExcelFormatException e) {
            return ParsedDocument.failed(MEDIA, "This is an Excel 5/95 (or older) workbook, which Quarry cannot read.");
        } catch (QuarryException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            return OfficeFiles.failure(MEDIA, "spreadsheet", e);
        }
    }

    private ParsedDocument read(HSSFWorkbook wb, ImportContext context) {
        DataFormatter formatter = new DataFormatter();
        formatter.setUseCachedValuesForFormulaCells(true);
        SheetPages pages = new SheetPages(context.cancel());
        List<String> cells = new ArrayList<>();
        for (Sheet sheet : wb) {
            pages.startSheet(sheet.getSheetName());
            for (Row row : sheet) {
                cells.clear();
                for (Cell cell : row) {
                    int col = cell.getColumnIndex();
                    if (col >= MAX_COLUMNS) break;
                    while (cells.size() < col) cells.add("");
                    cells.add(formatter.formatCellValue(cell));
                }
                pages.row(row.getRowNum() + 1, cells);
            }
        }
        ParsedDocument d = ParsedDocument.completed(MEDIA, pages.finish());
        try {
            return DocImporter.summary(d, wb.getSummaryInformation());
        } catch (RuntimeException e) {
            return d; // damaged properties cost the metadata, not the cells
        }
    }
}
