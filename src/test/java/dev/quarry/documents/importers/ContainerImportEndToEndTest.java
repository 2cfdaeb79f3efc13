package dev.quarry.documents.importers;

import static dev.quarry.documents.importers.ContainerFixtures.entries;
import static dev.quarry.documents.importers.ContainerFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageRecord;
import dev.quarry.testing.WordTokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder holding a production volume and a nested ZIP, imported into a real matter. */
class ContainerImportEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void volumeRowsAndZipEntriesBecomeDocumentsWithBatesCustodiansAndSourcePaths() throws IOException {
        Path input = dir.resolve("incoming");
        LoadFileVolume.write(input, '\u0014', StandardCharsets.UTF_8, true);
        Path bundle = ContainerFixtures.write(input.resolve("bundle.zip"), zip(entries(
                "a.txt", "Alpha memo about the merger.",
                "sub/b.txt", "Bravo notes on the board meeting.",
                "__MACOSX/sub/._b.txt", "resource fork",
                "inner.zip", zip(entries("c.txt", "Charlie, nested two archives deep.")))));
        ContainerFixtures.write(input.resolve("loose.txt"), "A loose file next to the volume.");

        try (Matter matter = Matter.create(dir.resolve("matter"), "containers", null, null)) {
            ImportService service = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 2);
            long job = service.plan(List.of(input), "incoming");
            ImportService.Report report = service.run(job, ProgressListener.NONE, new CancelToken());

            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            DocumentRepository docs = new DocumentRepository(matter.db());
            Map<String, DocumentSummary> byName = docs.listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::fileName, Function.identity()));
            assertThat(byName.keySet()).containsExactlyInAnyOrder(
                    "ABC0001.txt", "ABC0003", "ABC0006", "ABC0008", "ABC0009.txt", "ABC0010.txt", "ABC0011",
                    "a.txt", "b.txt", "c.txt", "loose.txt");

            DocumentSummary native1 = byName.get("ABC0001.txt");
            assertThat(native1.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(native1.batesBegin()).isEqualTo("ABC0001");
            assertThat(native1.batesEnd()).isEqualTo("ABC0002");
            assertThat(native1.custodian()).isEqualTo("M\u00fcller, Anna");
            assertThat(docs.pages(native1.id())).extracting(PageRecord::bates)
                    .as("one text page for two page images carries the range").containsExactly("ABC0001\u2013ABC0002");

            DocumentSummary paged = byName.get("ABC0003");
            assertThat(paged.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(paged.pages()).isEqualTo(3);
            assertThat(docs.pages(paged.id())).extracting(PageRecord::bates).containsExactly("ABC0003", "ABC0004", "ABC0005");
            assertThat(docs.pages(paged.id())).extracting(PageRecord::text)
                    .containsExactly("Page one of the memo.", "Page two: pricing.", "Page three: signatures.\f");

            assertThat(docs.pages(byName.get("ABC0006").id())).extracting(PageRecord::bates).containsExactly("ABC0006\u2013ABC0007");
            assertThat(byName.get("ABC0006").custodian()).isEqualTo("Smith, Bob");

            DocumentSummary missing = byName.get("ABC0008");
            assertThat(missing.status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(missing.error()).contains("ABC0008.xls").contains("neither is in the volume");
            assertThat(missing.batesBegin()).isEqualTo("ABC0008");
            assertThat(missing.custodian()).isEqualTo("Smith, Bob");
            assertThat(byName.get("ABC0011").status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(byName.get("ABC0011").error()).contains("only 2 page images");

            assertThat(docs.sourcePaths(byName.get("a.txt").id())).containsExactly(bundle + "!/a.txt");
            assertThat(docs.sourcePaths(byName.get("b.txt").id())).containsExactly(bundle + "!/sub/b.txt");
            assertThat(docs.sourcePaths(byName.get("c.txt").id())).containsExactly(bundle + "!/inner.zip!/c.txt");
            assertThat(byName.get("c.txt").status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(byName.get("c.txt").batesBegin()).isNull();
        }
    }

    @Test
    void aZipBombFailsAloneAndTheRestOfTheImportGoesOn() throws IOException {
        Path input = dir.resolve("in");
        // Over the matter's 1 MB file limit once expanded, though the ZIP itself is tiny.
        ContainerFixtures.write(input.resolve("bomb.zip"), ContainerFixtures.declareSize(
                zip(entries("zeros.txt", new byte[3 << 20])), 100));
        ContainerFixtures.write(input.resolve("fine.txt"), "An ordinary document.");

        try (Matter matter = Matter.create(dir.resolve("matter"), "bomb", null, null)) {
            matter.settings().put(dev.quarry.core.Settings.IMPORT_MAX_FILE_MB, "1");
            ImportService service = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 2);
            ImportService.Report report = service.run(service.plan(List.of(input), null), ProgressListener.NONE, new CancelToken());

            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            Map<String, DocumentSummary> byName = new DocumentRepository(matter.db()).listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::fileName, Function.identity()));
            assertThat(byName).containsOnlyKeys("bomb.zip", "fine.txt");
            assertThat(byName.get("bomb.zip").status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(byName.get("bomb.zip").error()).contains("zeros.txt").contains("not imported");
            assertThat(byName.get("fine.txt").status()).isEqualTo(DocumentStatus.COMPLETED);
        }
    }
}
