package dev.quarry.export;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a {@link Table} as CSV with Commons CSV: UTF-8 without a byte-order mark, a header row, RFC 4180 quoting,
 * "\n" line ends; dates ISO 8601, booleans yes/no, numbers without exponent, null as an empty field. Stata's
 * {@code import delimited} and R's {@code read.csv} read it as it is. Written to a temporary file and moved into
 * place, so a failed export never leaves half a file under the name asked for.
 */
public final class CsvExport {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();

    private CsvExport() {}

    public static void write(Table table, Path out) {
        Path tmp = tempBeside(out);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, FORMAT)) {
                p.printRecord(table.header());
                for (List<Object> row : table.rows()) {
                    List<String> values = new ArrayList<>(row.size());
                    for (Object v : row) values.add(text(v));
                    p.printRecord(values);
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is left; the target is untouched
            }
            throw new QuarryException("The CSV file " + out + " could not be written: " + e.getMessage(), e);
        }
    }

    /** A value as CSV text: the normalised forms Stata and R read. */
    public static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Boolean b) return b ? "yes" : "no";
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (v instanceof Double d) return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        if (v instanceof Float f) return text(f.doubleValue());
        return v.toString();
    }

    static Path tempBeside(Path out) {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            return Files.createTempFile(dir, "." + abs.getFileName(), ".part");
        } catch (IOException e) {
            throw new QuarryException("The folder of " + out + " cannot be written: " + e.getMessage(), e);
        }
    }
}
