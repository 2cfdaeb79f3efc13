package dev.quarry.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.LoadFiles;
import dev.quarry.documents.qc.ProductionQc;
import dev.quarry.documents.qc.QcReport;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production quality check on the real load-file volumes of the shared corpus: the two deficiency
 * dev productions (Concordance DAT/OPT, text and PDF natives, MD5 hashes), imported into one matter, so
 * the cross-production checks run too. Their producer made no mistake, so nothing may be found. The
 * discovery folder holds court forms, no volume; the test says so if that ever changes.
 */
@Tag("corpus")
class ProductionQcCorpusTest {
    private static final Logger log = LoggerFactory.getLogger(ProductionQcCorpusTest.class);
    @TempDir Path tmp;

    @Test
    void theDevProductionsCheckCleanAlsoSideBySide() throws Exception {
        try (Matter m = Matter.create(tmp.resolve("m"), "qc", null, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
            ProductionQc qc = new ProductionQc(m.db());
            for (String scenario : List.of("dev-federal", "dev-california")) {
                Path production = ImportCorpusTest.corpus("deficiency/" + scenario + "/production");
                svc.run(svc.plan(List.of(production), scenario), p -> {}, new CancelToken());
            }
            for (String scenario : List.of("dev-federal", "dev-california")) {
                QcReport r = qc.run(qc.production(scenario).orElseThrow().id());
                log.info("QC {}: {} documents, {} pages, findings {}", scenario, r.documents(), r.pages(), r.findings());
                assertThat(r.findings()).as(scenario).isEmpty();
                assertThat(r.documents()).isEqualTo(scenario.equals("dev-federal") ? 62 : 75);
                assertThat(r.pages()).isEqualTo(scenario.equals("dev-federal") ? 1256 : 1445);
            }
        }
    }

    /**
     * A copy of dev-federal damaged three ways: a native deleted, an MD5 changed, a DAT row removed. Exactly
     * those come back: the missing native (its text is gone too, so the row is stored failed, not "no text"),
     * the hash, and for the removed row the gap in the DAT's numbering and the OPT document with no row.
     */
    @Test
    void aDamagedCopyOfDevFederalReportsExactlyTheDamage() throws Exception {
        Path source = ImportCorpusTest.corpus("deficiency/dev-federal/production");
        Path copy = tmp.resolve("copy/production");
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Files.delete(copy.resolve("NATIVES/SSC0000077.txt"));
        Path dat = copy.resolve("DATA/VOL001.dat");
        String text = Files.readString(dat);
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\r\n", -1)));
        String removed = lines.stream().filter(l -> l.startsWith("\u00FESSC0000091\u00FE")).findFirst().orElseThrow();
        lines.remove(removed);
        String damaged = String.join("\r\n", lines);
        String hashLine = lines.stream().filter(l -> l.startsWith("\u00FESSC0000083\u00FE")).findFirst().orElseThrow();
        String md5 = hashLine.substring(hashLine.lastIndexOf('\u0014') + 2, hashLine.length() - 1);
        damaged = damaged.replace(md5, "0".repeat(32));
        Files.writeString(dat, damaged);

        try (Matter m = Matter.create(tmp.resolve("m2"), "qc", null, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
            svc.run(svc.plan(List.of(copy), "damaged"), p -> {}, new CancelToken());
            QcReport r = new ProductionQc(m.db()).stored(new ProductionQc(m.db()).production("damaged").orElseThrow().id()).orElseThrow();
            log.info("QC of the damaged copy: {}", r.findings());
            assertThat(r.findings()).extracting(f -> f.kind().id() + " " + f.batesBegin() + "\u2013" + f.batesEnd()).containsExactlyInAnyOrder(
                    "bates_gap SSC0000091\u2013SSC0000130",
                    "missing_file SSC0000077\u2013SSC0000082",
                    "missing_file SSC0000091\u2013SSC0000130",
                    "hash_mismatch SSC0000083\u2013SSC0000090");
            assertThat(r.documents()).isEqualTo(61);
        }
    }

    @Test
    void theDiscoveryFolderHasNoLoadFileVolume() throws Exception {
        try (Stream<Path> s = Files.walk(ImportCorpusTest.corpus("discovery"))) {
            assertThat(s.filter(Files::isRegularFile).filter(LoadFiles::isConcordanceDat).toList())
                    .as("a load-file volume in discovery/ belongs in this test's checks").isEmpty();
        }
    }
}
