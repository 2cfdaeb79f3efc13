package dev.quarry.export;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A table (a header row and rows of text or numbers) written as CSV (UTF-8 with a BOM, so Excel reads it
 * right; RFC 4180 quoting) or XLSX (one sheet, bold frozen header, numbers as numbers). Written to a
 * temporary file beside the target and moved into place, so a failed export never leaves half a file.
 */
public final class TableExport {
    /** Excel's limit on a cell's text. */
    static final int MAX_CELL = 32_767;

    public enum Format {
        CSV, XLSX;

        public static Format of(String s) {
            try {
                return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new QuarryException("The export format must be xlsx or csv, not \"" + s + "\".");
            }
        }
    }

    /** The table: {@code rows} hold String, Number, Boolean or null cells. */
    public record Table(String sheetName, List<String> header, List<List<Object>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    private TableExport() {}

    public static void write(Table table, Format format, Path out) {
        Path dir = out.toAbsolutePath().getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".export-", ".tmp");
            try {
                if (format == Format.CSV) csv(table, tmp);
                else xlsx(table, tmp);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new QuarryException("Could not write " + out + ".", e);
        }
    }

    private static void csv(Table t, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('\ufeff');
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
                p.printRecord(t.header());
                for (List<Object> r : t.rows()) p.printRecord(r.stream().map(c -> c == null ? "" : c).toList());
            }
        }
    }

    private static void xlsx(Table t, Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet(t.sheetName() == null || t.sheetName().isBlank() ? "Sheet1"
                    : t.sheetName().replaceAll("[\\\\/?*\\[\\]:]", " ").substring(0, Math.min(31, t.sheetName().length())));
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            CellStyle wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            Row h = sheet.createRow(0);
            for (int i = 0; i < t.header().size(); i++) {
                var c = h.createCell(i);
                c.setCellValue(t.header().get(i));
                c.setCellStyle(bold);
            }
            int r = 1;
            for (List<Object> row : t.rows()) {
                Row x = sheet.createRow(r++);
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.get(i);
                    if (v == null) continue;
                    var c = x.createCell(i);
                    if (v instanceof Number n) c.setCellValue(n.doubleValue());
                    else if (v instanceof Boolean b) c.setCellValue(b);
                    else {
                        String s = v.toString();
                        c.setCellValue(s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s);
                        if (s.length() > 60) c.setCellStyle(wrap);
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < t.header().size(); i++) sheet.setColumnWidth(i, Math.min(60, Math.max(10, t.header().get(i).length() + 4)) * 256);
            wb.write(os);
        }
    }
}
