package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.testing.TestImports;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PowerPoint decks generated with POI: one page per slide, its notes after the slide's own text. */
class PresentationImporterTest {
    @TempDir
    Path dir;

    private Path pptx() throws Exception {
        Path f = dir.resolve("board deck.pptx");
        try (XMLSlideShow show = new XMLSlideShow()) {
            show.getProperties().getCoreProperties().setTitle("Q3 Board Update");
            show.getProperties().getCoreProperties().setCreator("CFO Office");
            var layout = show.getSlideMasters().get(0).getLayout(SlideLayout.TITLE_AND_CONTENT);
            XSLFSlide one = show.createSlide(layout);
            one.getPlaceholder(0).setText("Pricing strategy");
            one.getPlaceholder(1).setText("Raise widget prices by 4% in January.");
            XSLFNotes notes = show.getNotesSlide(one);
            for (XSLFTextShape s : notes.getPlaceholders()) {
                if (s.getTextType() == Placeholder.BODY) s.setText("Do not share the margin figures with the distributor.");
            }
            XSLFSlide two = show.createSlide();
            XSLFTable table = two.createTable(2, 2);
            table.setAnchor(new Rectangle(50, 50, 400, 100));
            table.getCell(0, 0).setText("Region");
            table.getCell(0, 1).setText("Units");
            table.getCell(1, 0).setText("West");
            table.getCell(1, 1).setText("1,200");
            show.createSlide(); // an empty third slide stays page 3
            try (OutputStream out = Files.newOutputStream(f)) {
                show.write(out);
            }
        }
        return f;
    }

    @Test
    void pptxIsOnePagePerSlideWithItsNotes() throws Exception {
        ParsedDocument d = TestImports.parse(new PptxImporter(), pptx()).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.mediaType()).isEqualTo(PptxImporter.MEDIA);
        assertThat(d.pages()).hasSize(3);
        String first = d.pages().get(0).text();
        assertThat(first).contains("Pricing strategy", "Raise widget prices by 4% in January.", "Notes:\nDo not share the margin figures");
        assertThat(first.indexOf("Raise widget")).isLessThan(first.indexOf("Notes:"));
        assertThat(d.pages().get(1).text()).contains("Region", "Units", "West", "1,200").doesNotContain("Notes:");
        assertThat(d.pages().get(2).text()).isBlank();
        assertThat(d.pages()).extracting(ParsedPage::number).containsExactly(1, 2, 3);
        assertThat(d.title()).isEqualTo("Q3 Board Update");
        assertThat(d.author()).isEqualTo("CFO Office");
        assertThat(d.metadata()).containsEntry("slides", "3");
    }

    @Test
    void pptIsOnePagePerSlide() throws Exception {
        Path f = dir.resolve("old deck.ppt");
        try (HSLFSlideShow show = new HSLFSlideShow()) {
            for (String text : new String[] {"Litigation hold issued 3 March", "Custodians: finance and sales"}) {
                HSLFSlide s = show.createSlide();
                HSLFTextBox box = s.createTextBox();
                box.setText(text);
                box.setAnchor(new Rectangle(50, 50, 400, 60));
            }
            try (OutputStream out = Files.newOutputStream(f)) {
                show.write(out);
            }
        }
        ParsedDocument d = TestImports.parse(new PptImporter(), f).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.mediaType()).isEqualTo(PptImporter.MEDIA);
        assertThat(d.pages()).hasSize(2);
        assertThat(d.pages().get(0).text()).contains("Litigation hold issued 3 March");
        assertThat(d.pages().get(1).text()).contains("Custodians: finance and sales");
    }

    @Test
    void aPptThatIsReallyAPptxIsReadAsOne() throws Exception {
        Path f = dir.resolve("renamed.ppt");
        Files.copy(pptx(), f);
        ParsedDocument d = TestImports.parse(new PptImporter(), f).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages()).hasSize(3);
    }

    @Test
    void damagedEmptyAndMisnamedDecksFailWithAReason() throws Exception {
        Path empty = Files.write(dir.resolve("empty.pptx"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.ppt"), "not a deck");
        byte[] whole = Files.readAllBytes(pptx());
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
        Path truncated = Files.write(dir.resolve("truncated.pptx"), half);
        assertThat(TestImports.parse(new PptxImporter(), empty).document().reason()).isEqualTo("The file is empty.");
        ParsedDocument t = TestImports.parse(new PptImporter(), text).document();
        assertThat(t.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(t.reason()).contains("not a PowerPoint presentation");
        ParsedDocument tr = TestImports.parse(new PptxImporter(), truncated).document();
        assertThat(tr.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(tr.reason()).contains("presentation");
    }

    @Test
    void theRegistryPicksTheSlideImporters() throws Exception {
        var importers = dev.quarry.documents.Importers.defaults();
        Path p = pptx();
        var src = new dev.quarry.documents.Source(p, p.getFileName().toString(), p.toString(), Files.size(p), java.util.Map.of());
        assertThat(importers.find(src)).get().extracting(i -> i.name()).isEqualTo("pptx");
        Path old = Files.write(dir.resolve("x.pps"), "x".getBytes(StandardCharsets.US_ASCII));
        var src2 = new dev.quarry.documents.Source(old, "x.pps", old.toString(), 1, java.util.Map.of());
        assertThat(importers.find(src2)).get().extracting(i -> i.name()).isEqualTo("ppt");
    }

    static byte[] bytes(XMLSlideShow show) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        show.write(out);
        return out.toByteArray();
    }
}
