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
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A table (a header and rows of text) written as CSV (Commons CSV, RFC 4180, UTF-8 with a BOM so that
 * Excel reads the accents) or as an XLSX sheet (POI's streaming writer: a 100,000-row table never sits in
 * memory as cells). Knows no feature: callers hand it the cells. Each file is written beside its target
 * and moved into place, so a failed export never leaves half a file under the name asked for.
 */
public final class TableWriter {
    public enum Format {
        CSV, XLSX;

        /** "csv" or "xlsx", any case. */
        public static Format of(String name) {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }

        /** The format a file name asks for by its extension, or null. */
        public static Format forFile(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".csv") ? CSV : n.endsWith(".xlsx") ? XLSX : null;
        }
    }

    /** Longest text Excel keeps in a cell. */
    static final int MAX_CELL = 32_767;

    private TableWriter() {}

    public static void write(Path target, Format format, String sheetName, List<String> header, List<List<String>> rows) {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".part");
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            if (format == Format.CSV) csv(tmp, header, rows);
            else xlsx(tmp, sheetName, header, rows);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is ours and named as such; nothing else to do
            }
            throw new QuarryException("Could not write " + abs + ": " + e.getMessage(), e);
        }
    }

    private static void csv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build())) {
                for (List<String> r : rows) p.printRecord(r);
            }
        }
    }

    private static void xlsx(Path file, String sheetName, List<String> header, List<List<String>> rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet(safeSheetName(sheetName));
            ((SXSSFSheet) sheet).trackAllColumnsForAutoSizing();
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                h.createCell(i).setCellValue(header.get(i));
                h.getCell(i).setCellStyle(bold);
            }
            int r = 1;
            for (List<String> row : rows) {
                Row x = sheet.createRow(r++);
                for (int i = 0; i < row.size(); i++) {
                    String v = row.get(i);
                    if (v != null) x.createCell(i).setCellValue(v.length() > MAX_CELL ? v.substring(0, MAX_CELL) : v);
                }
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < header.size(); i++) sheet.autoSizeColumn(i);
            wb.write(out);
            wb.dispose();
        }
    }

    /** Excel sheet names: at most 31 characters, none of []:*?/\ . */
    static String safeSheetName(String name) {
        String n = name == null || name.isBlank() ? "Sheet1" : name.replaceAll("[\\[\\]:*?/\\\\]", "_");
        return n.length() > 31 ? n.substring(0, 31) : n;
    }
}
