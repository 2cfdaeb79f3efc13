package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import dev.quarry.documents.TextDecoding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/**
 * Plain text and Markdown. The text is kept exactly as decoded (line endings included), so character
 * offsets in search results are offsets into the file's decoded characters. A text file is one page,
 * however long, so that those offsets never shift.
 */
public final class TextImporter implements Importer {
    private static final Set<String> EXTENSIONS = Set.of("txt", "text", "md", "markdown", "log");
    /** Read as text too when their first bytes are text: data and markup formats, and files with no extension. */
    private static final Set<String> TEXT_IF_IT_LOOKS_SO = Set.of("", "json", "jsonl", "ndjson", "xml", "yaml", "yml",
            "ini", "cfg", "conf", "tex", "rst", "srt", "vtt", "tsv");

    @Override
    public String name() {
        return "text";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        String ext = source.extension();
        return EXTENSIONS.contains(ext) || TEXT_IF_IT_LOOKS_SO.contains(ext) && TextDecoding.looksLikeText(head);
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        String ext = source.extension();
        String media = ext.startsWith("md") || ext.equals("markdown") ? "text/markdown" : "text/plain";
        String text = TextDecoding.decode(Files.readAllBytes(source.file()));
        if (text.isBlank()) {
            return ParsedDocument.failed(media, "The file is empty.");
        }
        return ParsedDocument.completed(media, List.of(ParsedPage.text(1, text)));
    }
}
