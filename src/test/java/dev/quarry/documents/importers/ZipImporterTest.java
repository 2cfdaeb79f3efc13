package dev.quarry.documents.importers;

import static dev.quarry.documents.importers.ContainerFixtures.entries;
import static dev.quarry.documents.importers.ContainerFixtures.write;
import static dev.quarry.documents.importers.ContainerFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobCancelledException;
import dev.quarry.documents.ContainerLimitException;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.Fields;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import dev.quarry.testing.TestImports;
import dev.quarry.testing.TestImports.Child;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipImporterTest {
    @TempDir
    Path dir;

    private final ZipImporter importer = new ZipImporter();

    @Test
    void entriesBecomeChildrenWithBangSourcePathsAndNestedZipsStayWhole() throws IOException {
        byte[] inner = zip(entries("deep.txt", "deep text"));
        Path z = write(dir.resolve("outer.zip"), zip(entries(
                "a.txt", "alpha", "docs/", "", "docs/b.txt", "bravo", "inner.zip", inner)));

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.document().container()).isTrue();
        assertThat(r.document().status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(r.children()).extracting(Child::fileName).containsExactly("a.txt", "b.txt", "inner.zip");
        assertThat(r.children()).extracting(Child::sourcePath).containsExactly(
                z + "!/a.txt", z + "!/docs/b.txt", z + "!/inner.zip");
        assertThat(new String(r.children().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("bravo");
        assertThat(r.children().get(2).content()).isEqualTo(inner);
    }

    @Test
    void macAndWindowsJunkIsSkipped() throws IOException {
        Path z = write(dir.resolve("mac.zip"), zip(entries(
                "report.txt", "the report", "__MACOSX/", "", "__MACOSX/._report.txt", "fork",
                "sub/__MACOSX/x.txt", "fork", ".DS_Store", "finder", "sub/Thumbs.db", "thumbs", "sub/._hidden.txt", "fork",
                "sub/desktop.ini", "ini", "sub/kept.txt", "kept")));

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.children()).extracting(Child::fileName).containsExactly("report.txt", "kept.txt");
    }

    @Test
    void traversalAndBackslashNamesAreShownClean() throws IOException {
        Path z = write(dir.resolve("odd.zip"), zip(entries("../../etc/evil.txt", "x", "C:\\Users\\me\\notes.txt", "y")));

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.children()).extracting(Child::sourcePath)
                .containsExactly(z + "!/etc/evil.txt", z + "!/Users/me/notes.txt");
    }

    @Test
    void aHighlyCompressibleEntryIsRefusedAsABombBeforeAnythingIsStored() throws IOException {
        byte[] zeros = new byte[2 << 20];
        Path z = write(dir.resolve("bomb.zip"), zip(entries("ok.txt", "fine", "zeros.bin", zeros)));

        TestImports.Result r = parse(new ZipImporter(100_000, 100, 64 << 10), z, 10L << 20, 40L << 20);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(r.document().reason()).contains("zeros.bin").contains("zip bomb");
        assertThat(r.children()).isEmpty();
    }

    @Test
    void anEntryThatInflatesPastItsDeclaredSizeStopsTheWholeArchive() throws IOException {
        byte[] zeros = new byte[1 << 20];
        Path z = write(dir.resolve("liar.zip"), ContainerFixtures.declareSize(zip(entries("small.txt", zeros)), 1000));

        assertThatThrownBy(() -> TestImports.parse(importer, z))
                .isInstanceOf(ContainerLimitException.class)
                .hasMessageContaining("more than its header says");
    }

    @Test
    void totalExpansionOverTheLimitFailsTheArchive() throws IOException {
        Path z = write(dir.resolve("big.zip"), zip(entries("a.bin", random(300_000), "b.bin", random(300_000), "c.bin", random(300_000))));

        TestImports.Result r = parse(importer, z, 1L << 20, 800_000);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(r.document().reason()).contains("would expand to").contains("safety limit");
        assertThat(r.children()).isEmpty();
    }

    @Test
    void anEntryOverTheFileLimitBecomesAFailedChildAndItsSiblingsImport() throws IOException {
        Path z = write(dir.resolve("mixed.zip"), zip(entries("small.txt", "small", "huge.bin", random(600_000))));

        TestImports.Result r = parse(importer, z, 500_000, 4_000_000);

        assertThat(r.document().container()).isTrue();
        assertThat(r.children()).extracting(Child::fileName).containsExactly("small.txt", "huge.bin");
        assertThat(r.children().get(0).fields()).doesNotContainKey(Fields.FAILURE);
        assertThat(r.children().get(1).fields().get(Fields.FAILURE)).contains("over the matter's limit");
        assertThat(r.children().get(1).content().length).isLessThan(1000);
    }

    @Test
    void tooManyEntriesIsRefused() throws IOException {
        Path z = write(dir.resolve("many.zip"), zip(entries("1.txt", "a", "2.txt", "b", "3.txt", "c")));

        TestImports.Result r = TestImports.parse(new ZipImporter(2, 100, 1 << 20), z);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(r.document().reason()).contains("3 entries").contains("safety limit of 2");
    }

    @Test
    void encryptedEntriesMakeTheArchivePasswordRequired() throws IOException {
        Path z = write(dir.resolve("locked.zip"), ContainerFixtures.markEncrypted(zip(entries("secret.txt", "secret"))));

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.PASSWORD_REQUIRED);
        assertThat(r.document().reason()).contains("password");
        assertThat(r.children()).isEmpty();
    }

    @Test
    void garbageWithAZipHeaderFailsWithAReason() throws IOException {
        byte[] junk = random(5000);
        junk[0] = 'P';
        junk[1] = 'K';
        junk[2] = 3;
        junk[3] = 4;
        Path z = write(dir.resolve("corrupt.zip"), junk);

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(r.document().reason()).contains("damaged");
        assertThat(r.children()).isEmpty();
    }

    @Test
    void aTruncatedZipKeepsTheEntriesBeforeTheDamage() throws IOException {
        byte[] whole = zip(entries("first.txt", "first file", "second.txt", "second file", "third.bin", random(50_000)));
        Path z = write(dir.resolve("cut.zip"), Arrays.copyOf(whole, whole.length - 20_000));

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(r.document().reason()).contains("damaged or incomplete").contains("2 file(s) before the damage");
        assertThat(r.children()).extracting(Child::fileName).containsExactly("first.txt", "second.txt");
    }

    @Test
    void anEmptyArchiveSaysSo() throws IOException {
        Path z = write(dir.resolve("empty.zip"), zip(entries("folder/", "", "__MACOSX/._x", "fork")));

        TestImports.Result r = TestImports.parse(importer, z);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(r.document().reason()).isEqualTo("The ZIP archive holds no files.");
    }

    @Test
    void cancellationStopsBetweenEntries() throws IOException {
        Path z = write(dir.resolve("c.zip"), zip(entries("1.txt", "a", "2.txt", "b")));
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        ImportContext ctx = new ImportContext(new TestImports.CollectingSink(), cancel, 1 << 20, 4 << 20, 0);

        assertThatThrownBy(() -> importer.parse(source(z), ctx)).isInstanceOf(JobCancelledException.class);
    }

    @Test
    void takesZipsButNotOfficeFilesThatAreZipsInside() throws IOException {
        byte[] head = zip(entries("word/document.xml", "<w/>"));
        assertThat(importer.accepts(new Source(dir, "a.zip", "a.zip", 1, Map.of()), new byte[0])).isTrue();
        assertThat(importer.accepts(new Source(dir, "download", "download", 1, Map.of()), head)).isTrue();
        assertThat(importer.accepts(new Source(dir, "memo.docx", "memo.docx", 1, Map.of()), head)).isFalse();
        assertThat(importer.accepts(new Source(dir, "sheet.XLSX", "sheet.XLSX", 1, Map.of()), head)).isFalse();
        assertThat(importer.accepts(new Source(dir, "notes.txt", "notes.txt", 1, Map.of()), "PK but text".getBytes())).isFalse();
    }

    private static TestImports.Result parse(ZipImporter importer, Path z, long maxFile, long maxExpand) throws IOException {
        TestImports.CollectingSink sink = new TestImports.CollectingSink();
        ParsedDocument d = importer.parse(source(z), new ImportContext(sink, new CancelToken(), maxFile, maxExpand, 0));
        return new TestImports.Result(d, List.copyOf(sink.children));
    }

    private static Source source(Path z) throws IOException {
        return new Source(z, z.getFileName().toString(), z.toString(), Files.size(z), Map.of());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
