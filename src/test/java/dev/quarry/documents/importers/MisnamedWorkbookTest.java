package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MisnamedWorkbookTest {
    @TempDir Path dir;

    @Test
    void anXlsxNamedXlsIsReadForWhatItIs() throws Exception {
        Path f = dir.resolve("budget.xls");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            var row = wb.createSheet("Budget").createRow(0);
            row.createCell(0).setCellValue("Freight");
            row.createCell(1).setCellValue(1250);
            wb.write(out);
        }
        ParsedDocument d = TestImports.parse(new XlsImporter(), f).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).contains("Freight").contains("1250");
    }
}
