package dev.quarry.documents.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.AppDirs;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.PageLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrEngineTest {
    static final List<String> LINES = List.of(
            "The Supplier shall deliver the goods within thirty days.",
            "Payment is due upon receipt of a correct invoice.",
            "This Agreement is governed by the laws of Delaware.");
    static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.open(AppDirs.models(), "eng");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void readsTextDrawnOnAPageWithWordBoxesAndConfidence() {
        BufferedImage img = PageImages.page(LINES);
        OcrText t = engine.recognize(img, 150, 0, new CancelToken());
        assertThat(t.text().split("\n+")).containsExactly(LINES.toArray(String[]::new));
        assertThat(t.confidence()).isGreaterThan(0.85f).isLessThanOrEqualTo(1f);
        assertThat(t.timedOut()).isFalse();
        // Every word's offsets name that word in the text, and its box sits where it was drawn.
        assertThat(t.words()).hasSize(String.join(" ", LINES).split(" ").length);
        OcrText.Word first = t.words().get(0);
        assertThat(t.text().substring(first.start(), first.end())).isEqualTo("The");
        assertThat(first.x()).isBetween(140, 160); // drawn at x = 150 px
        assertThat(first.y() + first.h()).isBetween(140, 160); // baseline at y = 150 px
        OcrText.Word delaware = t.words().stream().filter(w -> t.text().substring(w.start(), w.end()).startsWith("Delaware")).findFirst().orElseThrow();
        assertThat(delaware.y()).isGreaterThan(first.y() + 2 * 40); // third line
        for (OcrText.Word w : t.words()) assertThat(w.confidence()).isBetween(0f, 1f);
        // As a layout in points (150 dpi: 72/150 points per pixel), boxes find a passage for highlighting.
        PageLayout layout = t.layout(72f / 150);
        assertThat(layout.width()).isEqualTo(img.getWidth() * 72f / 150);
        int at = t.text().indexOf("thirty days");
        assertThat(layout.boxesFor(at, at + "thirty days".length())).hasSize(2);
    }

    @Test
    void aBlankPageHasNoWordsAndNoConfidence() {
        OcrText t = engine.recognize(PageImages.page(List.of()), 150, 0, new CancelToken());
        assertThat(t.text()).isEmpty();
        assertThat(t.words()).isEmpty();
        assertThat(t.confidence()).isNull();
    }

    @Test
    void noiseReadsWithLowConfidence() {
        BufferedImage img = new BufferedImage(1275, 1650, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random r = new java.util.Random(7);
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) {
            img.getRaster().setSample(x, y, 0, r.nextInt(8) == 0 ? 0 : 255);
        }
        OcrText t = engine.recognize(img, 150, 0, new CancelToken());
        if (t.confidence() != null) assertThat(t.confidence()).isLessThan(0.6f);
    }

    @Test
    void colourAndBilevelImagesAreReadToo() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_BINARY}) {
            OcrText t = engine.recognize(PageImages.page(LINES, 0.5, type), 150, 0, new CancelToken());
            assertThat(t.text()).contains("governed by the laws of Delaware");
        }
    }

    @Test
    void aCancelledPageStops() {
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        assertThatThrownBy(() -> engine.recognize(PageImages.page(LINES), 150, 0, cancel))
                .isInstanceOf(dev.quarry.core.jobs.JobCancelledException.class);
    }

    @Test
    void threadsReadPagesAtOnceEachWithItsOwnApi() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<OcrText>> f = List.of(
                    pool.submit(() -> engine.recognize(PageImages.page(LINES), 150, 0, new CancelToken())),
                    pool.submit(() -> engine.recognize(PageImages.page(List.of("Second page of the exhibit.")), 150, 0, new CancelToken())));
            assertThat(f.get(0).get().text()).contains("thirty days");
            assertThat(f.get(1).get().text()).isEqualTo("Second page of the exhibit.");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModelThatDoesNotMatchItsManifestIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tessdata"));
        Files.writeString(dir.resolve("tessdata/eng.traineddata"), "not a model");
        Files.copy(AppDirs.models().resolve("eng.ocr.json"), dir.resolve("eng.ocr.json"));
        assertThatThrownBy(() -> OcrEngine.open(dir, "eng")).isInstanceOf(QuarryException.class).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> OcrEngine.open(dir, "deu")).hasMessageContaining("not installed");
        assertThatThrownBy(() -> OcrEngine.open(dir, "../x")).hasMessageContaining("not an OCR language");
    }
}
