package dev.quarry.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.export.CsvExport;
import dev.quarry.export.XlsxExport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of a reviewed grid compared by content with golden files (set QUARRY_UPDATE_GOLDEN=1 to rewrite them
 * after a deliberate change, and read the diff).
 */
class GridExportTest {
    @TempDir Path tmp;

    @Test
    void csvLongWideAndXlsxMatchTheGoldenFiles() throws Exception {
        try (Matter m = GridFixture.matter(tmp, 6)) {
            GridService grids = new GridService(m, null);
            Grid g = grids.create(new GridService.NewGrid("Contracts", null, null, DocumentSet.all(), GridFixture.variables(), null));
            RegexEvidence engine = GridFixture.engine(m);
            GridRun s = grids.plan(g.id(), GridService.RunRequest.sample(3, true));
            new GridRunner(grids, engine, 1).run(s.id(), p -> {}, new CancelToken());
            List<Long> docs = grids.repository().runDocuments(s.id());
            grids.feedback(g.id(), docs.get(0), "governing_law", true, null, null, "ana");
            grids.feedback(g.id(), docs.get(1), "governing_law", false, "wrong state", "Ohio", "ana");
            grids.feedback(g.id(), docs.get(2), "non_compete", true, null, null, "ana");
            new GridRunner(grids, engine, 1).run(grids.plan(g.id(), GridService.RunRequest.all(true)).id(), p -> {}, new CancelToken());
            grids.override(g.id(), docs.get(2), "notice_days", "45", "ana");
            GridTable t = grids.table(g.id());

            Path longCsv = tmp.resolve("long.csv");
            CsvExport.write(GridExport.longTable(t), longCsv);
            golden("grid-long.csv", Files.readString(longCsv, StandardCharsets.UTF_8));
            Path wide = tmp.resolve("wide.csv");
            CsvExport.write(GridExport.wideTable(t, true, true, false), wide);
            golden("grid-wide.csv", Files.readString(wide, StandardCharsets.UTF_8));
            Path plain = tmp.resolve("plain.csv");
            CsvExport.write(GridExport.wideTable(t, false, false, false), plain);
            assertThat(Files.readAllLines(plain).get(0)).isEqualTo("document_id,file_name,governing_law,agreement_date,notice_days,non_compete");

            Path xlsx = tmp.resolve("grid.xlsx");
            XlsxExport.write(List.of(GridExport.wideTable(t, true, true, true), GridExport.codebook(t), GridExport.quality(t)), xlsx);
            try (InputStream in = Files.newInputStream(xlsx); Workbook wb = new XSSFWorkbook(in)) {
                assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2))).containsExactly("Data", "Codebook", "Quality");
                Sheet data = wb.getSheet("Data");
                Row first = data.getRow(1);
                int dateCol = header(data).indexOf("agreement_date");
                assertThat(first.getCell(dateCol).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(first.getCell(dateCol))).as("a date is a date").isTrue();
                assertThat(first.getCell(header(data).indexOf("notice_days")).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(first.getCell(header(data).indexOf("non_compete")).getCellType()).isEqualTo(CellType.BOOLEAN);
                StringBuilder all = new StringBuilder();
                for (Sheet sheet : wb) all.append("## ").append(sheet.getSheetName()).append('\n').append(dump(sheet));
                golden("grid-xlsx.txt", all.toString());
            }
        }
    }

    static List<String> header(Sheet s) {
        List<String> out = new ArrayList<>();
        for (Cell c : s.getRow(0)) out.add(c.getStringCellValue());
        return out;
    }

    /** A sheet as text: one line per row, cells as type:value, so the golden file shows the types too. */
    static String dump(Sheet s) {
        StringBuilder sb = new StringBuilder();
        for (Row r : s) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.getLastCellNum(); i++) {
                Cell c = r.getCell(i);
                if (c == null) {
                    cells.add("");
                    continue;
                }
                cells.add(switch (c.getCellType()) {
                    case NUMERIC -> DateUtil.isCellDateFormatted(c) ? "date:" + LocalDateTime.ofInstant(c.getDateCellValue().toInstant(),
                            java.time.ZoneId.systemDefault()).toLocalDate() : "num:" + c.getNumericCellValue();
                    case BOOLEAN -> "bool:" + c.getBooleanCellValue();
                    default -> "text:" + c.getStringCellValue().replace("\n", "\\n");
                });
            }
            sb.append(String.join(" | ", cells)).append('\n');
        }
        return sb.toString();
    }

    static void golden(String name, String actual) throws Exception {
        Path file = Path.of("src/test/resources/dev/quarry/extraction", name);
        if (Objects.equals(System.getenv("QUARRY_UPDATE_GOLDEN"), "1") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
