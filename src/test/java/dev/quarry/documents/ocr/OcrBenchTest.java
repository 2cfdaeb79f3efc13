package dev.quarry.documents.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench ocr --own-text-layer`: PDFs with a text layer rendered, OCRed and scored against their own text. */
class OcrBenchTest {
    @TempDir Path tmp;

    static final List<String> PAGE1 = List.of(
            "The Supplier shall deliver the goods within thirty days.",
            "Payment is due upon receipt of a correct invoice.",
            "This Agreement is governed by the laws of Delaware.");
    static final List<String> PAGE2 = List.of(
            "Either party may terminate this Agreement on notice.",
            "Notices shall be sent to the addresses set out above.");
    /** In page 2's text layer but never drawn: OCR cannot see them, so the score must count them missing. */
    static final String INVISIBLE = "zebra quartz mango violet ember";

    @Test
    void scoresEachPageAgainstItsOwnTextLayerAtTheDpiAsked() throws Exception {
        Path pdf = tmp.resolve("contract.pdf");
        writePdf(pdf);
        Map<String, Object> out = OcrBench.run(List.of(pdf), new OcrBench.Options(List.of(1), null, true, 1, "eng", 200, 0));

        assertThat(out.get("dpi")).isEqualTo(200);
        assertThat(out.get("pages")).isEqualTo(2);
        assertThat((String) out.get("image")).matches("(1699|1700)x2200"); // US Letter at 200 dpi (PDFBox rounds down)
        assertThat(out.get("reference")).isEqualTo("own text layer");
        @SuppressWarnings("unchecked") List<Map<String, Object>> byPage = (List<Map<String, Object>>) out.get("accuracy_by_page");
        assertThat(byPage).hasSize(2);
        Map<String, Object> p1 = byPage.get(0), p2 = byPage.get(1);
        assertThat(p1.get("file")).isEqualTo(pdf.toString());
        assertThat(p1.get("page")).isEqualTo(1);
        int words1 = OcrBench.words(String.join(" ", PAGE1)).size();
        assertThat(p1.get("reference_words")).isEqualTo(words1);
        assertThat((double) p1.get("word_accuracy")).isGreaterThanOrEqualTo(0.95);
        // Page 2's layer holds five words that are not on the image: each is an error against the layer.
        int words2 = OcrBench.words(String.join(" ", PAGE2) + " " + INVISIBLE).size();
        assertThat(p2.get("page")).isEqualTo(2);
        assertThat(p2.get("reference_words")).isEqualTo(words2);
        assertThat((int) p2.get("word_errors")).isGreaterThanOrEqualTo(5);
        int e2 = (int) p2.get("word_errors");
        assertThat((double) p2.get("word_accuracy")).isEqualTo(Math.round((1 - (double) e2 / words2) * 1000) / 1000.0);
        long errors = (int) p1.get("word_errors") + (int) p2.get("word_errors");
        assertThat(out.get("reference_words")).isEqualTo((long) words1 + words2);
        assertThat(out.get("word_errors")).isEqualTo(errors);
        assertThat((double) out.get("word_accuracy")).isEqualTo(Math.round((1 - (double) errors / (words1 + words2)) * 1000) / 1000.0);
    }

    @Test
    void readsOnlyThePageAskedOfEachFile() throws Exception {
        Path pdf = tmp.resolve("contract.pdf");
        writePdf(pdf);
        Map<String, Object> out = OcrBench.run(List.of(pdf), new OcrBench.Options(List.of(1), null, true, 1, "eng", 100, 2));
        assertThat(out.get("pages")).isEqualTo(1);
        assertThat((String) out.get("image")).matches("(849|850)x1100");
        @SuppressWarnings("unchecked") List<Map<String, Object>> byPage = (List<Map<String, Object>>) out.get("accuracy_by_page");
        assertThat(byPage).singleElement().satisfies(p -> assertThat(p.get("page")).isEqualTo(2));
        assertThatThrownBy(() -> OcrBench.run(List.of(pdf), new OcrBench.Options(List.of(1), null, true, 1, "eng", 100, 3)))
                .hasMessageContaining("has 2 pages, no page 3");
        assertThatThrownBy(() -> new OcrBench.Options(List.of(1), pdf, true, 1, "eng", 200, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    static void writePdf(Path file) throws Exception {
        try (PDDocument d = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : List.of(PAGE1, PAGE2)) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                d.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(d, page)) {
                    cs.beginText();
                    cs.setFont(font, 14);
                    cs.setLeading(24);
                    cs.newLineAtOffset(72, 700);
                    for (String l : lines) {
                        cs.showText(l);
                        cs.newLine();
                    }
                    if (lines == PAGE2) {
                        cs.setRenderingMode(RenderingMode.NEITHER);
                        cs.showText(INVISIBLE);
                    }
                    cs.endText();
                }
            }
            d.save(file.toFile());
        }
    }
}
