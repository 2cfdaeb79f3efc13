package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Rich Text Format files (.rtf, and any file that starts with {@code {\rtf}): the text through
 * {@link RtfText}, one page unless the author put explicit page breaks in it (RTF, like .docx, stores
 * no laid-out pages).
 */
public final class RtfImporter implements Importer {
    static final String MEDIA = "application/rtf";

    @Override
    public String name() {
        return "rtf";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return source.extension().equals("rtf") || RtfText.isRtf(head);
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        long size = Files.size(source.file());
        if (size == 0) return ParsedDocument.failed(MEDIA, OfficeFiles.EMPTY);
        if (size > context.maxFileBytes()) {
            return ParsedDocument.failed(MEDIA, "The RTF file is larger than the per-file limit.");
        }
        byte[] bytes = Files.readAllBytes(source.file());
        if (!RtfText.isRtf(bytes)) {
            return ParsedDocument.failed(MEDIA, "The file is named .rtf but is not an RTF document (it may be damaged or misnamed).");
        }
        RtfText.Result read;
        try {
            read = RtfText.read(bytes);
        } catch (IOException | RuntimeException e) {
            return OfficeFiles.failure(MEDIA, "RTF document", e);
        }
        List<ParsedPage> pages = new ArrayList<>();
        for (String t : read.pages()) {
            context.cancel().throwIfCancelled();
            for (int i = 0; i < Math.max(1, t.length()); i += ParsedPage.MAX_CHARS) {
                pages.add(ParsedPage.text(pages.size() + 1, t.substring(i, Math.min(t.length(), i + ParsedPage.MAX_CHARS))));
            }
        }
        ParsedDocument parsed = ParsedDocument.completed(MEDIA, pages);
        if (read.damaged()) {
            parsed = parsed.withInfo(null, null, null, java.util.Map.of("warning",
                    "The RTF file is truncated or damaged; its text is what comes before the damage."));
        }
        return parsed;
    }
}
