package dev.quarry.ui.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.qc.ProductionQc;
import dev.quarry.documents.qc.QcKind;
import dev.quarry.testing.BatesVolume;
import dev.quarry.testing.DamagedVolume;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production quality panel's state, without a screen: productions, the stored report, re-check, export. */
class ProductionQcViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void showsTheNewestProductionsReportAndChecksAndExportsOnRequest() throws Exception {
        try (Matter m = Matter.create(tmp.resolve("m"), "t", null, null)) {
            ProductionQcViewModel vm = new ProductionQcViewModel(TaskRunner.sameThread(), new ProductionQc(m.db()));
            vm.refresh();
            assertThat(vm.selected().get()).isNull();
            assertThat(vm.summary().get()).contains("No productions yet");

            ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
            svc.run(svc.plan(List.of(BatesVolume.write(tmp.resolve("a"))), "clean"), p -> {}, new CancelToken());
            svc.run(svc.plan(List.of(DamagedVolume.writeVol001(tmp.resolve("b"))), "damaged"), p -> {}, new CancelToken());
            vm.refresh();
            assertThat(vm.productions()).extracting(p -> p.name()).containsExactly("clean", "damaged");
            assertThat(vm.selected().get().name()).isEqualTo("damaged");
            assertThat(vm.findings()).isNotEmpty();
            assertThat(vm.summary().get()).startsWith("12 documents, 17 pages: " + vm.findings().size() + " findings (")
                    .contains("1 Bates gap", "1 Hash mismatch", "2 Slip sheet");
            assertThat(ProductionQcViewModel.kindLabel(QcKind.BROKEN_FAMILY)).isEqualTo("Broken family");

            vm.selected().set(vm.productions().get(0));
            assertThat(vm.findings()).isEmpty();
            assertThat(vm.summary().get()).isEqualTo("4 documents, 85 pages: no findings.");

            vm.checkAgain();
            assertThat(vm.busy().get()).isFalse();
            assertThat(vm.report().get().production()).isEqualTo("clean");

            Path out = tmp.resolve("clean QC.xlsx");
            vm.export(out);
            assertThat(Files.size(out)).isPositive();
            assertThat(vm.exported().get()).contains(out.toString());
            assertThat(vm.error().get()).isNull();
        }
    }
}
