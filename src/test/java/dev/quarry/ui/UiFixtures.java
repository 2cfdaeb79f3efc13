package dev.quarry.ui;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageLayout;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import dev.quarry.documents.importers.TextImporter;
import dev.quarry.extraction.GridFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Generated inputs for the UI tests: folders of text files (memos or grid contracts) and PDFs whose word boxes are known exactly. */
public final class UiFixtures {
    public static final float MARGIN = 72, FONT_SIZE = 12;
    private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private UiFixtures() {}

    /** {@code n} text files plus one empty file (which imports as failed with a reason). */
    public static Path textFolder(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve(String.format("memo-%03d.txt", i)),
                    "Memo " + i + ". The shipment of widgets was delayed until March " + i
                            + ". Counsel reviewed the indemnity clause.\n", StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("empty.txt"), "");
        return dir;
    }

    /** {@code n} contracts from {@link GridFixture#contract}, named {@code contract-00.txt} on. */
    public static Path contractFolder(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) Files.writeString(dir.resolve(String.format("contract-%02d.txt", i)), GridFixture.contract(i));
        return dir;
    }

    /** The text printed on page {@code p} of {@link #pdf}. */
    public static String pdfLine(int p) {
        return "Page " + p + " of the supply agreement names Globex as the seller";
    }

    public static Path pdf(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(FONT, FONT_SIZE);
                    cs.newLineAtOffset(MARGIN, PDRectangle.LETTER.getHeight() - MARGIN);
                    cs.showText(pdfLine(p));
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** Importers for tests: the real text importer plus {@link KnownPdfImporter}. */
    public static Importers importers() {
        return new Importers(List.of(new KnownPdfImporter(), new TextImporter()));
    }

    /**
     * Reads PDFs made by {@link #pdf}: it knows their text and computes the word boxes from the font
     * metrics, so the viewer tests do not depend on the PDF importer being built elsewhere.
     */
    public static final class KnownPdfImporter implements Importer {
        @Override
        public String name() {
            return "test-pdf";
        }

        @Override
        public boolean accepts(Source source, byte[] head) {
            return source.extension().equals("pdf");
        }

        @Override
        public ParsedDocument parse(Source source, ImportContext context) throws IOException {
            int n;
            try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(source.file().toFile())) {
                n = doc.getNumberOfPages();
            }
            List<ParsedPage> pages = new ArrayList<>();
            for (int p = 1; p <= n; p++) {
                String text = pdfLine(p);
                pages.add(new ParsedPage(p, text, null, false, layout(text)));
            }
            return ParsedDocument.completed("application/pdf", pages);
        }

        static PageLayout layout(String text) throws IOException {
            List<PageLayout.Box> boxes = new ArrayList<>();
            float x = MARGIN;
            float space = FONT.getStringWidth(" ") / 1000 * FONT_SIZE;
            int at = 0;
            for (String word : text.split(" ")) {
                float w = FONT.getStringWidth(word) / 1000 * FONT_SIZE;
                boxes.add(new PageLayout.Box(at, at + word.length(), x, MARGIN - FONT_SIZE * 0.8f, w, FONT_SIZE));
                x += w + space;
                at += word.length() + 1;
            }
            return new PageLayout(PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight(), boxes);
        }
    }
}
