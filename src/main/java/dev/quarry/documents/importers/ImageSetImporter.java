package dev.quarry.documents.importers;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImageSet;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A production's document that exists only as page images ({@link ImageSet}, made by {@link LoadFileImporter}
 * from the OPT): one page per image, each with its own Bates number, flagged for OCR.
 */
public final class ImageSetImporter implements Importer {
    static final String NEEDS_OCR = "The production gives only page images for this document; its text needs OCR.";

    @Override
    public String name() {
        return "image-set";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return Importers.startsWith(head, ImageSet.MAGIC);
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        ImageSet set = ImageSet.decode(Files.readAllBytes(source.file()));
        if (set.pages().isEmpty()) return ParsedDocument.failed(ImageSet.MEDIA_TYPE, "The document has no page images.");
        List<ParsedPage> pages = new ArrayList<>();
        for (int i = 0; i < set.pages().size(); i++) pages.add(new ParsedPage(i + 1, "", set.pages().get(i).bates(), true, null));
        return new ParsedDocument(DocumentStatus.NEEDS_OCR, NEEDS_OCR, ImageSet.MEDIA_TYPE, false, pages, null, null, null,
                Map.of("image.pages", String.valueOf(pages.size())));
    }
}
