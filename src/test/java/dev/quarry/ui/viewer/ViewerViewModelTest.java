package dev.quarry.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.PageLayout;
import dev.quarry.documents.render.PdfPageRenderer;
import dev.quarry.testing.WordTokenCounter;
import dev.quarry.ui.UiFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerViewModelTest {
    @TempDir
    Path tmp;
    private Matter matter;
    private DocumentRepository docs;
    private ViewerViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        matter = Matter.create(tmp.resolve("matter"), "Test", null, null);
        ImportService imports = new ImportService(matter, UiFixtures.importers(), new WordTokenCounter(), 1);
        Path in = Files.createDirectories(tmp.resolve("in"));
        UiFixtures.pdf(in.resolve("agreement.pdf"), 3);
        Files.writeString(in.resolve("notes.txt"), "First line about Globex.\nSecond line mentions globex again.");
        imports.run(imports.plan(List.of(in), null), ProgressListener.NONE, new CancelToken());
        docs = new DocumentRepository(matter.db());
        vm = new ViewerViewModel(TaskRunner.sameThread(), docs, matter.blobs(), PdfPageRenderer::new);
    }

    @AfterEach
    void tearDown() {
        vm.close();
        matter.close();
    }

    private long id(String name) {
        return docs.listAll().stream().filter(d -> d.fileName().equals(name)).mapToLong(DocumentSummary::id).findFirst().orElseThrow();
    }

    @Test
    void opensAPdfAtAPageRendersItAndHighlightsThePassageFromWordBoxes() {
        String line = UiFixtures.pdfLine(2);
        int start = line.indexOf("Globex"), end = start + "Globex".length();
        vm.openAt(id("agreement.pdf"), 2, start, end);

        assertThat(vm.error().get()).isNull();
        assertThat(vm.pdf().get()).isTrue();
        assertThat(vm.pageCount().get()).isEqualTo(3);
        assertThat(vm.pageNumber().get()).isEqualTo(2);
        BufferedImage img = vm.pageImage().get();
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(Math.round(612 * PdfPageRenderer.SCALE));
        List<PageLayout.Box> boxes = vm.highlightBoxes();
        assertThat(boxes).hasSize(1);
        // The box sits where the word was drawn: the rendered pixels under it are dark text, not white paper.
        PageLayout.Box b = boxes.get(0);
        assertThat(darkPixels(img, b)).isGreaterThan(20);
    }

    @Test
    void pageNavigationIsClampedAndFindJumpsBetweenPages() {
        vm.openAt(id("agreement.pdf"), 1, -1, -1);
        assertThat(vm.highlight().get()).isNull();
        vm.previous();
        assertThat(vm.pageNumber().get()).isEqualTo(1);
        vm.goTo(99);
        assertThat(vm.pageNumber().get()).isEqualTo(3);

        vm.findQuery().set("SUPPLY agreement");
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 3");
        assertThat(vm.pageNumber().get()).isEqualTo(1);
        vm.findNext();
        assertThat(vm.pageNumber().get()).isEqualTo(2);
        assertThat(vm.highlight().get()).isEqualTo(new ViewerViewModel.Passage(2, 14, 30));
        vm.findPrevious();
        vm.findPrevious();
        assertThat(vm.pageNumber().get()).isEqualTo(3);
        vm.findQuery().set("nowhere to be found");
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("No matches");
    }

    @Test
    void aPassageInsideAWordHighlightsOnlyThatPartOfItsBox() {
        String line = UiFixtures.pdfLine(1);
        int word = line.indexOf("Globex");
        vm.openAt(id("agreement.pdf"), 1, word, word + 6);
        PageLayout.Box whole = vm.highlightBoxes().get(0);
        vm.openAt(id("agreement.pdf"), 1, word + 3, word + 6); // "bex"
        PageLayout.Box part = vm.highlightBoxes().get(0);
        assertThat(part.x()).isGreaterThan(whole.x());
        assertThat(part.x() + part.w()).isCloseTo(whole.x() + whole.w(), org.assertj.core.data.Offset.offset(0.01f));
        assertThat(part.w()).isCloseTo(whole.w() / 2, org.assertj.core.data.Offset.offset(0.01f));
    }

    @Test
    void zoomStaysWithinBounds() {
        vm.openAt(id("agreement.pdf"), 1, -1, -1);
        for (int i = 0; i < 20; i++) vm.zoomIn();
        assertThat(vm.zoom().get()).isEqualTo(ViewerViewModel.MAX_ZOOM);
        for (int i = 0; i < 40; i++) vm.zoomOut();
        assertThat(vm.zoom().get()).isEqualTo(ViewerViewModel.MIN_ZOOM);
    }

    @Test
    void aTextDocumentIsShownAsTextAndThePassageIsASelectionRange() {
        vm.openAt(id("notes.txt"), 1, 17, 23);
        assertThat(vm.pdf().get()).isFalse();
        assertThat(vm.pageImage().get()).isNull();
        int[] r = vm.highlightRange();
        assertThat(vm.displayText().get().substring(r[0], r[1])).isEqualTo("Globex");
        vm.findQuery().set("globex");
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 2");
        // Whitespace in the query matches any whitespace in the text, line breaks included.
        vm.findQuery().set("  GLOBEX.   second ");
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 1");
        int[] hit = vm.highlightRange();
        assertThat(vm.displayText().get().substring(hit[0], hit[1])).isEqualTo("Globex.\nSecond");
    }

    /**
     * Issue 11: "Exclusive Territory" in a production PDF (HTML converted to PDF) found 2 of its 19
     * occurrences, because the words are separated by no-break spaces (U+00A0), which {@code \\s} does not
     * match; only the two broken across lines by a real line feed were found.
     */
    @Test
    void findCountsEveryOccurrenceAcrossPagesWhateverSpacesSeparateTheWords() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in-nbsp"));
        Path pdf = in.resolve("franchise.pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            String[][] lines = {
                    {"the\u00a0\"Exclusive\u00a0Territory\"),\u00a0and", "in the Exclusive", "Territory to be approved"},
                    {"no match on this page"},
                    {"Your\u00a0Exclusive\u00a0\u00a0Territory.", "an EXCLUSIVE territory and exclusive\u2009territory"}};
            for (String[] page : lines) {
                var p = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.LETTER);
                doc.addPage(p);
                try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, p)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.setLeading(16);
                    cs.newLineAtOffset(72, 700);
                    for (String line : page) {
                        cs.showText(line.replace('\u2009', '\u00a0')); // Helvetica has no thin space; the text file below does
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(pdf.toFile());
        }
        Files.writeString(in.resolve("letter.txt"), "exclusive\u2009territory, Exclusive\u202fTerritory and exclusive \r\n territory");
        ImportService real = new ImportService(matter, dev.quarry.documents.Importers.defaults(), new WordTokenCounter(), 1);
        real.run(real.plan(List.of(in), null), ProgressListener.NONE, new CancelToken());
        assertThat(docs.pages(id("franchise.pdf")).get(0).text()).contains("Exclusive\u00a0Territory");

        vm.openAt(id("franchise.pdf"), 1, -1, -1);
        vm.findQuery().set("exclusive territory");
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 5");
        int[] pages = new int[5];
        for (int i = 0; i < 5; i++) {
            if (i > 0) vm.findNext();
            pages[i] = vm.pageNumber().get();
            assertThat(vm.findStatus().get()).isEqualTo((i + 1) + " of 5");
            ViewerViewModel.Passage h = vm.highlight().get();
            String text = vm.currentPage().text().substring(h.start(), h.end());
            assertThat(text.replaceAll("[\\s\\u00a0]+", " ").toLowerCase()).isEqualTo("exclusive territory");
            assertThat(vm.highlightBoxes()).as("hit %d is lit on the page", i + 1).isNotEmpty();
        }
        assertThat(pages).containsExactly(1, 1, 3, 3, 3);
        vm.findNext();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 5");

        vm.openAt(id("letter.txt"), 1, -1, -1);
        vm.findQuery().set("Exclusive\u00a0Territory"); // pasted with its no-break space
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 3");
    }

    @Test
    void openingAnotherDocumentClearsTheFindBox() {
        vm.openAt(id("notes.txt"), 1, -1, -1);
        vm.findQuery().set("globex");
        vm.find();
        assertThat(vm.findStatus().get()).isEqualTo("1 of 2");
        vm.openAt(id("notes.txt"), 1, 0, 5); // the same document again (a second hit in it): the find stays
        assertThat(vm.findQuery().get()).isEqualTo("globex");

        vm.openAt(id("agreement.pdf"), 1, -1, -1);
        assertThat(vm.findQuery().get()).isEmpty();
        assertThat(vm.findStatus().get()).isEmpty();
        vm.findNext(); // the old document's hits are gone too
        assertThat(vm.highlight().get()).isNull();
    }

    @Test
    void aMissingDocumentIsOneSentence() {
        vm.openAt(9999, 1, -1, -1);
        assertThat(vm.error().get().message()).isEqualTo("That document is no longer in the matter.");
    }

    private static int darkPixels(BufferedImage img, PageLayout.Box b) {
        float s = PdfPageRenderer.SCALE;
        int dark = 0;
        for (int x = (int) (b.x() * s); x < (b.x() + b.w()) * s; x++) {
            for (int y = (int) (b.y() * s); y < (b.y() + b.h()) * s; y++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (((rgb >> 16) & 0xFF) < 100) dark++;
            }
        }
        return dark;
    }
}
