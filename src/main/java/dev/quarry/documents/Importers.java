package dev.quarry.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** The importers Quarry knows, in the order they are asked; the first that accepts a file reads it. */
public final class Importers {
    private static final int HEAD_BYTES = 8192;
    private final List<Importer> importers;

    public Importers(List<Importer> importers) {
        this.importers = List.copyOf(importers);
    }

    /** Every importer Quarry ships, most specific first; plain text last. */
    public static Importers defaults() {
        return new Importers(List.of(
                new dev.quarry.documents.importers.PdfImporter(),
                // Scans and page images; their text comes from the import's OCR step (docs/adr/0011-ocr.md).
                new dev.quarry.documents.importers.ImageImporter(),
                new dev.quarry.documents.importers.ImageSetImporter(),
                new dev.quarry.documents.importers.DocxImporter(),
                new dev.quarry.documents.importers.DocImporter(),
                new dev.quarry.documents.importers.XlsxImporter(),
                new dev.quarry.documents.importers.XlsImporter(),
                new dev.quarry.documents.importers.PptxImporter(),
                new dev.quarry.documents.importers.PptImporter(),
                new dev.quarry.documents.importers.CsvImporter(),
                new dev.quarry.documents.importers.HtmlImporter(),
                new dev.quarry.documents.importers.EmlImporter(),
                new dev.quarry.documents.importers.MsgImporter(),
                new dev.quarry.documents.importers.WordPerfectImporter(),
                // By extension or by its "{\rtf" start (RTF saved under another name).
                new dev.quarry.documents.importers.RtfImporter(),
                // Containers after the ZIP-based formats (DOCX, XLSX): a load file is a .dat nothing else
                // should take, a ZIP only by name or magic.
                new dev.quarry.documents.importers.LoadFileImporter(),
                new dev.quarry.documents.importers.ZipImporter(),
                new dev.quarry.documents.importers.TextImporter()));
    }

    public Optional<Importer> find(Source source) throws IOException {
        byte[] head = head(source);
        for (Importer i : importers) {
            if (i.accepts(source, head)) return Optional.of(i);
        }
        return Optional.empty();
    }

    public List<Importer> all() {
        return importers;
    }

    static byte[] head(Source source) throws IOException {
        try (InputStream in = Files.newInputStream(source.file())) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /** True when {@code head} starts with {@code magic}. */
    public static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
        return true;
    }
}
