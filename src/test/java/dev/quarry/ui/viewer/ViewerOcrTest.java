package dev.quarry.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageLayout;
import dev.quarry.documents.PageRecord;
import dev.quarry.documents.ocr.PageImages;
import dev.quarry.documents.render.PdfPageRenderer;
import dev.quarry.testing.WordTokenCounter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image document read by OCR, in the viewer: drawn from its image, a passage highlighted on the words. */
class ViewerOcrTest {
    @TempDir Path tmp;

    @Test
    void aScannedTiffIsDrawnFromItsImageWithThePassageOnTheWordsAndItsConfidence() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        PageImages.writeTiff(in.resolve("fax.tif"), List.of(PageImages.page(List.of("Cover sheet of the facsimile.")),
                PageImages.page(List.of("The shipment left Rotterdam on Friday."))), "CCITT T.6");
        try (Matter matter = Matter.create(tmp.resolve("matter"), "Test", null, null)) {
            ImportService imports = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 1);
            imports.run(imports.plan(List.of(in), null), ProgressListener.NONE, new CancelToken());
            DocumentRepository docs = new DocumentRepository(matter.db());
            DocumentSummary d = docs.listAll().get(0);
            PageRecord p2 = docs.pages(d.id()).get(1);
            int start = p2.text().indexOf("Rotterdam");
            assertThat(start).isNotNegative();
            try (ViewerViewModel vm = new ViewerViewModel(TaskRunner.sameThread(), docs, matter.blobs(), PdfPageRenderer::new)) {
                vm.openAt(d.id(), 2, start, start + "Rotterdam".length());
                assertThat(vm.error().get()).isNull();
                assertThat(vm.pdf().get()).as("drawn as a page image").isTrue();
                assertThat(vm.pageNumber().get()).isEqualTo(2);
                BufferedImage img = vm.pageImage().get();
                assertThat(img).isNotNull();
                // 1275 px taken as 300 dpi: 306 points, drawn at SCALE pixels per point.
                assertThat(img.getWidth()).isEqualTo(Math.round(1275 * 72f / 300 * PdfPageRenderer.SCALE));
                List<PageLayout.Box> boxes = vm.highlightBoxes();
                assertThat(boxes).hasSize(1);
                assertThat(darkPixels(img, boxes.get(0))).isGreaterThan(20);
                assertThat(vm.ocrNote().get()).startsWith("OCR \u00B7 ").endsWith("% confidence");
                assertThat(vm.ocrLow().get()).isFalse();
            }
        }
    }

    private static int darkPixels(BufferedImage img, PageLayout.Box b) {
        float s = PdfPageRenderer.SCALE;
        int dark = 0;
        for (int x = (int) (b.x() * s); x < (b.x() + b.w()) * s && x < img.getWidth(); x++) {
            for (int y = (int) (b.y() * s); y < (b.y() + b.h()) * s && y < img.getHeight(); y++) {
                if (((img.getRGB(x, y) >> 16) & 0xFF) < 100) dark++;
            }
        }
        return dark;
    }
}
