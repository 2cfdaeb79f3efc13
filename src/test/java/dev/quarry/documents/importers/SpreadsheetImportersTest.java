package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobCancelledException;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import dev.quarry.testing.TestImports;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetImportersTest {
    @TempDir
    Path dir;

    /** Two sheets: "Ledger" with a header and 450 data rows (one formula column), "Notes" with one cell. */
    private static byte[] workbook(Workbook wb) throws Exception {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("Ledger");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("Invoice");
            h.createCell(1).setCellValue("Amount");
            h.createCell(2).setCellValue("Doubled");
            for (int i = 1; i <= 450; i++) {
                Row r = s.createRow(i);
                r.createCell(0).setCellValue("INV-" + i);
                r.createCell(1).setCellValue(i);
                r.createCell(2).setCellFormula("B" + (i + 1) + "*2");
            }
            wb.createSheet("Notes").createRow(3).createCell(1).setCellValue("Reviewed by counsel");
            // Excel stores each formula's last value next to it; evaluating here does the same.
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private void assertLedgerPages(ParsedDocument d) {
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        List<ParsedPage> pages = d.pages();
        assertThat(pages).hasSize(4);
        assertThat(pages.get(0).text()).startsWith("Sheet: Ledger, rows 1–200\nInvoice\tAmount\tDoubled\nINV-1\t1\t2\n");
        assertThat(pages.get(1).text()).startsWith("Sheet: Ledger, rows 201–400 (row 1 repeated as header)\n"
                + "Invoice\tAmount\tDoubled\nINV-200\t200\t400\n");
        assertThat(pages.get(2).text()).startsWith("Sheet: Ledger, rows 401–451 (row 1 repeated as header)\nInvoice")
                .endsWith("INV-450\t450\t900\n");
        assertThat(pages.get(3).text()).isEqualTo("Sheet: Notes, row 4\n\tReviewed by counsel\n");
        assertThat(pages).extracting(ParsedPage::number).containsExactly(1, 2, 3, 4);
        assertThat(pages.get(0).text().lines().count()).isEqualTo(201);
    }

    @Test
    void xlsxSheetsBecomePagesOfRowsWithTheHeaderRepeated() throws Exception {
        Path f = dir.resolve("ledger.xlsx");
        Files.write(f, workbook(new XSSFWorkbook()));

        assertLedgerPages(TestImports.parse(new XlsxImporter(), f).document());
    }

    @Test
    void xlsSheetsBecomePagesOfRowsWithTheHeaderRepeated() throws Exception {
        Path f = dir.resolve("ledger.xls");
        Files.write(f, workbook(new HSSFWorkbook()));

        assertLedgerPages(TestImports.parse(new XlsImporter(), f).document());
    }

    @Test
    void encryptedWorkbooksNeedAPassword() throws Exception {
        Path xlsx = dir.resolve("secret.xlsx");
        OfficeFixtures.writeEncrypted(workbook(new XSSFWorkbook()), xlsx, "tika");
        Path xls = dir.resolve("secret.xls");
        Biff8EncryptionKey.setCurrentUserPassword("abc");
        try {
            Files.write(xls, workbook(new HSSFWorkbook()));
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }

        ParsedDocument a = TestImports.parse(new XlsxImporter(), xlsx).document();
        ParsedDocument b = TestImports.parse(new XlsImporter(), xls).document();

        assertThat(a.status()).isEqualTo(DocumentStatus.PASSWORD_REQUIRED);
        assertThat(a.reason()).isEqualTo("The file is password-protected.");
        assertThat(b.status()).isEqualTo(DocumentStatus.PASSWORD_REQUIRED);
    }

    @Test
    void emptyAndDamagedWorkbooksFail() throws Exception {
        Path empty = dir.resolve("empty.xlsx");
        Files.write(empty, new byte[0]);
        Path junk = dir.resolve("junk.xls");
        Files.writeString(junk, "Invoice,Amount\nnot really excel\n");
        Path cut = dir.resolve("cut.xlsx");
        byte[] whole = workbook(new XSSFWorkbook());
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 3));

        assertThat(TestImports.parse(new XlsxImporter(), empty).document().reason()).isEqualTo("The file is empty.");
        ParsedDocument j = TestImports.parse(new XlsImporter(), junk).document();
        assertThat(j.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(j.reason()).contains("not an Excel workbook");
        ParsedDocument c = TestImports.parse(new XlsxImporter(), cut).document();
        assertThat(c.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(c.reason()).startsWith("The spreadsheet is damaged");
    }

    @Test
    void cancellingStopsBetweenSheets() throws Exception {
        Path f = dir.resolve("ledger.xlsx");
        Files.write(f, workbook(new XSSFWorkbook()));
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        ImportContext ctx = new ImportContext(new TestImports.CollectingSink(), cancel, 1L << 30, 4L << 30, 0);

        assertThatThrownBy(() -> new XlsxImporter().parse(new Source(f, "ledger.xlsx", f.toString(), Files.size(f), Map.of()), ctx))
                .isInstanceOf(JobCancelledException.class);
    }

    @Test
    void pagesStayUnderTheCharacterLimitWhateverTheRowCount() {
        SheetPages pages = new SheetPages(new CancelToken());
        pages.startSheet("Wide");
        String wide = String.join("", Collections.nCopies(30_000, "x"));
        for (int i = 1; i <= 60; i++) pages.row(i, List.of("row " + i, wide));

        List<ParsedPage> out = pages.finish();

        assertThat(out.size()).isGreaterThan(3);
        assertThat(out).allSatisfy(p -> assertThat(p.text().length()).isLessThan(ParsedPage.MAX_CHARS));
        assertThat(out.get(1).text()).startsWith("Sheet: Wide, rows ").contains("(row 1 repeated as header)\nrow 1\t");
    }
}
