package dev.quarry.documents.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.export.TableWriter;
import dev.quarry.testing.BatesVolume;
import dev.quarry.testing.DamagedVolume;
import dev.quarry.testing.WordTokenCounter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every finding kind from a generated volume damaged once per kind; a clean volume has none. */
class ProductionQcTest {
    @TempDir
    static Path tmp;
    static Path matterDir;
    static QcReport afterImport;
    static QcReport report;
    static QcReport clean;

    static long importInto(Matter m, Path vol, String name) {
        ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
        long job = svc.plan(List.of(vol), name);
        svc.run(job, p -> {}, new CancelToken());
        return new ProductionQc(m.db()).production(name).orElseThrow().id();
    }

    @BeforeAll
    static void importBoth() throws Exception {
        matterDir = tmp.resolve("matter");
        try (Matter m = Matter.create(matterDir, "qc", null, null)) {
            long vol1 = importInto(m, DamagedVolume.writeVol001(tmp.resolve("in")), "VOL001");
            ProductionQc qc = new ProductionQc(m.db());
            afterImport = qc.stored(vol1).orElseThrow();
            importInto(m, DamagedVolume.writeVol002(tmp.resolve("in")), "VOL002");
            report = qc.run(vol1);
            long good = importInto(m, BatesVolume.write(tmp.resolve("clean")), "clean");
            clean = qc.stored(good).orElseThrow();
        }
    }

    private static List<QcFinding> of(QcKind kind) {
        return report.findings().stream().filter(f -> f.kind() == kind).toList();
    }

    private static QcFinding one(QcKind kind, String begin) {
        List<QcFinding> hits = of(kind).stream().filter(f -> begin.equals(f.batesBegin())).toList();
        assertThat(hits).as(kind + " at " + begin + " in " + report.findings()).hasSize(1);
        return hits.get(0);
    }

    @Test
    void theImportStoredAReportAndEveryKindIsFound() {
        assertThat(afterImport.production()).isEqualTo("VOL001");
        assertThat(afterImport.findings()).isNotEmpty();
        Set<QcKind> kinds = report.findings().stream().map(QcFinding::kind).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(QcKind.class));
        assertThat(report.documents()).isEqualTo(12);
        assertThat(report.pages()).isEqualTo(17); // OPT pages: 1-5, 10-20, 30
    }

    @Test
    void batesGapsOverlapsAndDuplicates() {
        QcFinding gap = one(QcKind.BATES_GAP, "ABC0000006");
        assertThat(gap.batesEnd()).isEqualTo("ABC0000009");
        assertThat(gap.detail()).contains("4 numbers", "ABC0000004\u2013ABC0000005", "ABC0000010\u2013ABC0000011");
        // Between the productions: VOL001 ends at 0020, VOL002 goes on at 0024.
        QcFinding across = one(QcKind.BATES_GAP, "ABC0000021");
        assertThat(across.batesEnd()).isEqualTo("ABC0000023");
        assertThat(across.detail()).contains("production \u201cVOL002\u201d");
        QcFinding overlap = one(QcKind.BATES_OVERLAP, "ABC0000011");
        assertThat(overlap.detail()).contains("1 page (ABC0000011) is numbered in both", "ABC0000010\u2013ABC0000011");
        assertThat(one(QcKind.DUPLICATE_BATES, "ABC0000013").detail()).contains("begins 2 documents", "line 6", "line 7");
        assertThat(one(QcKind.DUPLICATE_BATES, "ABC0000001").detail()).contains("VOL002");
    }

    @Test
    void missingFilesAndLoadFileDisagreements() {
        List<QcFinding> missing = of(QcKind.MISSING_FILE);
        assertThat(missing).anySatisfy(f -> assertThat(f.detail()).isEqualTo(
                "The native NATIVES\\ABC0000010.pdf of ABC0000010\u2013ABC0000011 is not in the volume."));
        assertThat(missing).anySatisfy(f -> assertThat(f.detail()).isEqualTo(
                "The images of 2 of the 2 pages of ABC0000010\u2013ABC0000011 are not in the volume: IMAGES\\ABC0000010.tif."));
        assertThat(missing).anySatisfy(f -> {
            assertThat(f.batesBegin()).isEqualTo("ABC0000030");
            assertThat(f.detail()).contains("no row in the load file");
        });
        // The overlapping row begins inside the OPT document of the row before it.
        assertThat(missing).anySatisfy(f -> assertThat(f.detail()).contains("does not start a document at ABC0000011"));
    }

    @Test
    void pageCountsHashesTextBlanksFamiliesAndSlipSheets() {
        assertThat(one(QcKind.PAGE_COUNT_MISMATCH, "ABC0000014").detail())
                .isEqualTo("The page counts of ABC0000014\u2013ABC0000015 disagree: the load file's page count 3, its Bates range 2, "
                        + "the image cross-reference 2.");
        assertThat(of(QcKind.HASH_MISMATCH)).singleElement().satisfies(f -> {
            assertThat(f.batesBegin()).isEqualTo("ABC0000004");
            assertThat(f.detail()).contains("MD5HASH", "00000000000000000000000000000000", "(MD5)");
        });
        assertThat(one(QcKind.NO_TEXT, "ABC0000016").detail()).contains("blank.txt");
        assertThat(of(QcKind.NO_TEXT)).extracting(QcFinding::batesBegin).doesNotContain("ABC0000010"); // reported missing, not again
        assertThat(of(QcKind.BLANK_FIELD)).singleElement().satisfies(f -> {
            assertThat(f.batesBegin()).isEqualTo("ABC0000017");
            assertThat(f.detail()).isEqualTo("The custodian (CUSTODIAN) is blank for 1 of 12 documents (8.3%): ABC0000017.");
        });
        assertThat(one(QcKind.BROKEN_FAMILY, "ABC0000018").detail()).contains("ABC0000099", "no production of the matter holds");
        assertThat(one(QcKind.SLIP_SHEET, "ABC0000019").detail()).contains("DOCUMENT WITHHELD ON THE BASIS OF PRIVILEGE");
        assertThat(one(QcKind.SLIP_SHEET, "ABC0000020").detail()).contains("Produced natively", "lists no native");
        // The clean row has nothing against it.
        assertThat(report.findings()).noneMatch(f -> "ABC0000001".equals(f.batesBegin()) && f.kind() != QcKind.DUPLICATE_BATES);
    }

    @Test
    void aCleanVolumeHasNoFindings() {
        assertThat(clean.findings()).isEmpty();
        assertThat(clean.documents()).isEqualTo(4);
    }

    @Test
    void theStoredReportIsTheLastRunAndExportsAsCsvAndXlsx() throws Exception {
        try (Matter m = Matter.open(matterDir, null)) {
            ProductionQc qc = new ProductionQc(m.db());
            long id = qc.production("vol001").orElseThrow().id();
            QcReport stored = qc.stored(id).orElseThrow();
            assertThat(stored.findings()).isEqualTo(report.findings());
            assertThat(stored.documents()).isEqualTo(report.documents());

            Path csv = tmp.resolve("out/qc.csv");
            ProductionQc.export(stored, csv, TableWriter.Format.CSV);
            List<CSVRecord> records;
            try (Reader r = Files.newBufferedReader(csv)) {
                r.read(); // the BOM
                records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
            }
            assertThat(records).hasSize(stored.findings().size());
            assertThat(records.get(0).toMap().keySet()).containsExactly("production", "kind", "bates_begin", "bates_end", "detail");
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).get("kind")).isEqualTo(stored.findings().get(i).kind().id());
                assertThat(records.get(i).get("detail")).isEqualTo(stored.findings().get(i).detail());
            }

            Path xlsx = tmp.resolve("out/qc.xlsx");
            ProductionQc.export(stored, xlsx, TableWriter.Format.XLSX);
            try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
                var sheet = wb.getSheetAt(0);
                assertThat(sheet.getLastRowNum()).isEqualTo(stored.findings().size());
                List<String> header = new ArrayList<>();
                sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
                assertThat(header).containsExactly("production", "kind", "bates_begin", "bates_end", "detail");
                assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo(stored.findings().get(0).detail());
            }
            assertThatThrownBy(() -> qc.check(999)).isInstanceOf(QuarryException.class).hasMessageContaining("no production 999");
        }
    }

    @Test
    void aMovedVolumeIsAClearErrorAndTheLastReportStays() throws Exception {
        Path dir = tmp.resolve("moved");
        try (Matter m = Matter.create(dir.resolve("matter"), "moved", null, null)) {
            Path vol = BatesVolume.write(dir.resolve("in"));
            long id = importInto(m, vol, "moving");
            Files.move(vol, dir.resolve("elsewhere"));
            ProductionQc qc = new ProductionQc(m.db());
            assertThatThrownBy(() -> qc.run(id)).isInstanceOf(QuarryException.class).hasMessageContaining("is no longer there");
            assertThat(qc.stored(id)).isPresent();
        }
    }
}
