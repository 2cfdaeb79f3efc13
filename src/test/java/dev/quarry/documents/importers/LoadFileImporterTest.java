package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.Fields;
import dev.quarry.documents.LoadFiles;
import dev.quarry.documents.Source;
import dev.quarry.testing.TestImports;
import dev.quarry.testing.TestImports.Child;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadFileImporterTest {
    @TempDir
    Path dir;

    private final LoadFileImporter importer = new LoadFileImporter();

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("UTF-8 with BOM, DC4", '\u0014', StandardCharsets.UTF_8, true),
                Arguments.of("UTF-8 without BOM, pilcrow", '\u00b6', StandardCharsets.UTF_8, false),
                Arguments.of("Windows-1252, pilcrow", '\u00b6', Charset.forName("windows-1252"), false),
                Arguments.of("Windows-1252, DC4", '\u0014', Charset.forName("windows-1252"), false),
                Arguments.of("UTF-16LE with BOM, DC4", '\u0014', StandardCharsets.UTF_16LE, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void everyRowBecomesAChildWithItsFieldsAndPageBates(String label, char sep, Charset charset, boolean bom) throws IOException {
        Path dat = LoadFileVolume.write(dir, sep, charset, bom);
        Path vol = dir.resolve("VOL001");
        assertThat(LoadFiles.isConcordanceDat(dat)).isTrue();

        TestImports.Result r = TestImports.parse(importer, dat);

        assertThat(r.document().container()).isTrue();
        assertThat(r.children()).hasSize(7);
        Child native1 = r.children().get(0);
        assertThat(native1.file()).isEqualTo(vol.resolve("NATIVES/0001/ABC0001.txt"));
        assertThat(native1.sourcePath()).isEqualTo(vol.resolve("NATIVES/0001/ABC0001.txt").toString());
        Map<String, String> f = native1.fields();
        assertThat(f).containsEntry(Fields.BATES_BEGIN, "ABC0001").containsEntry(Fields.BATES_END, "ABC0002")
                .containsEntry(Fields.CUSTODIAN, "M\u00fcller, Anna").containsEntry(Fields.DATE, "2019-03-14")
                .containsEntry(Fields.PAGE_BATES, "ABC0001\nABC0002")
                .containsEntry("BegBates", "ABC0001").containsEntry("DateSent", "03/14/2019 02:05 PM")
                .containsEntry("Subject", "Supply\nagreement")
                .doesNotContainKey(Fields.DISPLAY_NAME).doesNotContainKey(Fields.FAILURE);

        Child text3 = r.children().get(1);
        assertThat(text3.file()).isEqualTo(vol.resolve("TEXT/0001/ABC0003.txt"));
        assertThat(text3.fields()).containsEntry(Fields.DISPLAY_NAME, "ABC0003")
                .containsEntry(Fields.PAGE_BATES, "ABC0003\nABC0004\nABC0005")
                .containsEntry(Fields.DATE, "2019-04-01")
                .containsEntry("Subject", "Memo\r\nwith a real line break");

        Child text6 = r.children().get(2);
        assertThat(text6.file()).isEqualTo(vol.resolve("TEXT/0001/ABC0006.txt"));
        assertThat(text6.fields()).containsEntry(Fields.CUSTODIAN, "Smith, Bob").containsEntry(Fields.DATE, "2019-05-02");

        Child missing = r.children().get(3);
        assertThat(missing.file()).isNull();
        assertThat(missing.fields()).containsEntry(Fields.BATES_BEGIN, "ABC0008").containsEntry(Fields.DISPLAY_NAME, "ABC0008");
        assertThat(missing.fields().get(Fields.FAILURE))
                .isEqualTo("The load file lists NATIVES\\0001\\ABC0008.xls and TEXT\\0001\\ABC0008.txt for ABC0008, but neither is in the volume.");
        assertThat(missing.sourcePath()).isEqualTo(vol.resolve("NATIVES/0001/ABC0008.xls").toString());

        Child wrongCase = r.children().get(4);
        assertThat(wrongCase.file()).isEqualTo(vol.resolve("NATIVES/0001/ABC0009.txt"));
        assertThat(wrongCase.fields()).doesNotContainKey(Fields.DATE);

        Child drive = r.children().get(5);
        assertThat(drive.file()).isEqualTo(vol.resolve("NATIVES/0001/ABC0010.txt"));
        assertThat(drive.fields()).containsEntry(Fields.DATE, "2018-12-31");

        Child imagesOnly = r.children().get(6);
        assertThat(imagesOnly.fields().get(Fields.FAILURE))
                .isEqualTo("The load file gives no native or text file for ABC0011\u2013ABC0012 (only 2 page images), so Quarry has no text for it.");
        assertThat(imagesOnly.fields()).containsEntry(Fields.PAGE_BATES, "ABC0011\nABC0012");
    }

    @Test
    void theDatIsReadFromWhereTheUserKeepsItNotFromTheMattersCopy() throws IOException {
        Path dat = LoadFileVolume.write(dir, '\u0014', StandardCharsets.UTF_8, true);
        Path stored = Files.copy(dat, dir.resolve("blob-without-extension"));
        TestImports.CollectingSink sink = new TestImports.CollectingSink();
        Source source = new Source(stored, "VOL001.dat", dat.toString(), Files.size(stored), Map.of());

        assertThat(importer.accepts(source, Files.readAllBytes(stored))).isTrue();
        importer.parse(source, new dev.quarry.documents.ImportContext(sink, new dev.quarry.core.jobs.CancelToken(), 1 << 20, 4 << 20, 0));

        assertThat(sink.children).hasSize(7);
        assertThat(sink.children.get(0).file()).isEqualTo(dir.resolve("VOL001/NATIVES/0001/ABC0001.txt"));
    }

    @Test
    void aLoadFileInsideAnArchiveFailsWithAReason() throws IOException {
        Path dat = LoadFileVolume.write(dir, '\u0014', StandardCharsets.UTF_8, true);
        TestImports.CollectingSink sink = new TestImports.CollectingSink();
        Source source = new Source(dat, "VOL001.dat", dir + "/prod.zip!/VOL001/DATA/VOL001.dat", Files.size(dat), Map.of());

        var doc = importer.parse(source, new dev.quarry.documents.ImportContext(sink, new dev.quarry.core.jobs.CancelToken(), 1 << 20, 4 << 20, 1));

        assertThat(doc.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(doc.reason()).contains("inside an archive");
        assertThat(sink.children).isEmpty();
    }

    @Test
    void withoutAnOptPageBatesComeFromTheBatesRange() throws IOException {
        Path dat = LoadFileVolume.write(dir, '\u0014', StandardCharsets.UTF_8, true);
        Files.delete(dir.resolve("VOL001/DATA/VOL001.opt"));

        TestImports.Result r = TestImports.parse(importer, dat);

        assertThat(r.children().get(1).fields()).containsEntry(Fields.PAGE_BATES, "ABC0003\nABC0004\nABC0005");
    }

    @Test
    void recognisesDatsButNotBinaryDatFiles() throws IOException {
        Path dat = LoadFileVolume.write(dir, '\u0014', StandardCharsets.UTF_8, true);
        byte[] winmail = {0x78, (byte) 0x9f, 0x3e, 0x22, (byte) 0xfe, 0x00, 0x01, (byte) 0xfe, 0x14, (byte) 0xfe};
        Path bin = ContainerFixtures.write(dir.resolve("VOL001/NATIVES/0001/winmail.dat"), winmail);

        assertThat(LoadFiles.isConcordanceDat(dat)).isTrue();
        assertThat(LoadFiles.isConcordanceDat(bin)).isFalse();
        assertThat(LoadFiles.isConcordanceDat("one.dat", "\u00feBEGBATES\u00fe\r\n\u00feA1\u00fe\r\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(LoadFiles.isConcordanceDat("x.txt", Files.readAllBytes(dat))).isFalse();
        assertThat(importer.accepts(new Source(dat, "VOL001.dat", dat.toString(), 1, Map.of(Fields.BATES_BEGIN, "X1")),
                Files.readAllBytes(dat))).as("a row's own native never opens a volume again").isFalse();
    }

    @Test
    void theVolumeRootIsAboveDataAndLoadFileFolders() {
        assertThat(LoadFiles.volumeRoot(dir.resolve("VOL001/DATA/VOL001.dat"))).isEqualTo(dir.resolve("VOL001"));
        assertThat(LoadFiles.volumeRoot(dir.resolve("VOL001/Load Files/x.dat"))).isEqualTo(dir.resolve("VOL001"));
        assertThat(LoadFiles.volumeRoot(dir.resolve("VOL001/x.dat"))).isEqualTo(dir.resolve("VOL001"));
    }

    @Test
    void datValuesKeepStrayThornsAndEmptyFields() {
        String text = "\u00feA\u00fe\u0014\u00feB\u00fe\u0014\u00feC\u00fe\r\n"
                + "\u00fe\u00de\u00f3r\u00feur\u00fe\u0014\u00fe\u00fe\u0014\u00feline\u00aebreak\u00fe\r\n\r\n"
                + "\u00fe1\u00fe\u0014\u00fe2\u00fe\u0014\u00fe3\u00fe";
        List<List<String>> rows = new ArrayList<>();

        ConcordanceDat.read(text, rows::add);

        assertThat(rows).containsExactly(List.of("A", "B", "C"), List.of("\u00de\u00f3r\u00feur", "", "line\nbreak"), List.of("1", "2", "3"));
    }

    @Test
    void datesBecomeIso() {
        assertThat(LoadFileDates.iso("03/14/2019")).isEqualTo("2019-03-14");
        assertThat(LoadFileDates.iso("3/4/2019 1:05:00 PM")).isEqualTo("2019-03-04");
        assertThat(LoadFileDates.iso("31/12/2018")).isEqualTo("2018-12-31");
        assertThat(LoadFileDates.iso("20190502")).isEqualTo("2019-05-02");
        assertThat(LoadFileDates.iso("2019-05-02T10:15:00")).isEqualTo("2019-05-02");
        assertThat(LoadFileDates.iso("2019-05-02T10:15:00Z")).isEqualTo("2019-05-02T10:15Z");
        assertThat(LoadFileDates.iso("1/2/99")).isEqualTo("1999-01-02");
        assertThat(LoadFileDates.iso("00/00/0000")).isNull();
        assertThat(LoadFileDates.iso("13/13/2019")).isNull();
        assertThat(LoadFileDates.iso("soon")).isNull();
    }

    @Test
    void optGroupsPagesAndFallsBackToTheRange() {
        OpticonOpt opt = new OpticonOpt();
        opt.read("X1,V,a.tif,Y,,,2\nX2,V,b.tif,,,,\nX3,V,c,with,comma.tif,Y,,,2\nX4,V,d.tif,,,,\n");

        assertThat(opt.pagesOf("X1", "X2")).containsExactly("X1", "X2");
        assertThat(opt.pagesOf("x3", null)).containsExactly("X3", "X4");
        assertThat(opt.pagesOf("X2", "X3")).as("the DAT breaks documents differently").containsExactly("X2", "X3");
        assertThat(opt.pagesOf("X9", "X9")).isEmpty();
        assertThat(BatesRange.expand("ABC-0098", "ABC-0101")).containsExactly("ABC-0098", "ABC-0099", "ABC-0100", "ABC-0101");
        assertThat(BatesRange.expand("ABC0001", "XYZ0002")).isEmpty();
    }
}
