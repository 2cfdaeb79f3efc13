package dev.quarry.export;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes tables as the sheets of one XLSX workbook with Apache POI (streaming, so 2,000 × 15 cells and their quotes
 * stay small in memory): a bold, frozen header row, and typed cells — dates as dates (yyyy-mm-dd), numbers as
 * numbers, booleans as booleans, text as text (cut at Excel's 32,767 characters). A value that does not fit its
 * column's type is written as text rather than lost.
 */
public final class XlsxExport {
    public static final int MAX_CELL_TEXT = 32_767;

    private XlsxExport() {}

    public static void write(List<Table> sheets, Path out) {
        Path tmp = CsvExport.tempBeside(out);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            CreationHelper help = wb.getCreationHelper();
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            for (Table t : sheets) {
                SXSSFSheet sheet = wb.createSheet(safeName(t.name()));
                var header = sheet.createRow(0);
                for (int c = 0; c < t.columns().size(); c++) {
                    var cell = header.createCell(c);
                    cell.setCellValue(t.columns().get(c).name());
                    cell.setCellStyle(head);
                }
                sheet.createFreezePane(0, 1);
                int r = 1;
                for (List<Object> row : t.rows()) {
                    var xr = sheet.createRow(r++);
                    for (int c = 0; c < row.size(); c++) {
                        Object v = row.get(c);
                        if (v == null) continue;
                        var cell = xr.createCell(c);
                        if (v instanceof LocalDate d) {
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        } else if (v instanceof BigDecimal d) {
                            cell.setCellValue(d.doubleValue());
                        } else if (v instanceof Number n) {
                            double x = n.doubleValue();
                            if (Double.isNaN(x) || Double.isInfinite(x)) continue;
                            cell.setCellValue(x);
                        } else if (v instanceof Boolean b) {
                            cell.setCellValue(b);
                        } else {
                            String s = v.toString();
                            cell.setCellValue(s.length() > MAX_CELL_TEXT ? s.substring(0, MAX_CELL_TEXT - 1) + "…" : s);
                        }
                    }
                }
            }
            try (OutputStream os = Files.newOutputStream(tmp)) {
                wb.write(os);
            }
            wb.dispose();
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the target is untouched
            }
            throw new QuarryException("The Excel file " + out + " could not be written: " + e.getMessage(), e);
        }
    }

    /** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
    static String safeName(String name) {
        String s = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
        return s.length() > 31 ? s.substring(0, 31) : s.isEmpty() ? "Sheet" : s;
    }
}
