package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Web pages (.html, .htm, .xhtml) as their visible text, one page (split only past
 * {@link ParsedPage#MAX_CHARS}). The character set comes from a byte-order mark or a meta tag, as a
 * browser would find it; the title goes into the document's title.
 */
public final class HtmlImporter implements Importer {
    static final String MEDIA = "text/html";
    private static final Set<String> EXTENSIONS = Set.of("html", "htm", "xhtml", "shtml");

    @Override
    public String name() {
        return "html";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        if (Files.size(source.file()) == 0) return ParsedDocument.failed(MEDIA, OfficeFiles.EMPTY);
        Document doc;
        try (InputStream in = Files.newInputStream(source.file())) {
            doc = Jsoup.parse(in, null, "");
        }
        String text = HtmlText.of(doc);
        List<ParsedPage> pages = new ArrayList<>();
        for (int i = 0; i < Math.max(1, text.length()); i += ParsedPage.MAX_CHARS) {
            pages.add(ParsedPage.text(pages.size() + 1, text.substring(i, Math.min(text.length(), i + ParsedPage.MAX_CHARS))));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Element m : doc.select("meta[name][content]")) {
            String name = m.attr("name").toLowerCase(java.util.Locale.ROOT);
            if (Set.of("author", "description", "keywords", "date", "generator").contains(name)) meta.put(name, m.attr("content"));
        }
        return ParsedDocument.completed(MEDIA, pages).withInfo(DocxImporter.blankToNull(doc.title()),
                DocxImporter.blankToNull(meta.get("author")), null, meta);
    }
}
