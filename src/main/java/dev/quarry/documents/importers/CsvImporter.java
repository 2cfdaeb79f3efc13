package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import dev.quarry.documents.TextDecoding;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Comma-, semicolon-, tab- or pipe-separated text (.csv, .tsv). The delimiter is the candidate that
 * splits the first lines into the most consistent number of fields; pages follow {@link SheetPages}.
 * Row numbers are record numbers (a quoted field may span lines).
 */
public final class CsvImporter implements Importer {
    static final String MEDIA = "text/csv";
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        String ext = source.extension();
        return ext.equals("csv") || ext.equals("tsv");
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        String media = source.extension().equals("tsv") ? "text/tab-separated-values" : MEDIA;
        byte[] bytes = Files.readAllBytes(source.file());
        if (bytes.length == 0) return ParsedDocument.failed(media, OfficeFiles.EMPTY);
        String text = TextDecoding.decode(bytes);
        char delimiter = source.extension().equals("tsv") ? '\t' : sniff(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).build();
        SheetPages pages = new SheetPages(context.cancel());
        pages.startSheet(null);
        List<String> cells = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            int n = 0;
            for (CSVRecord r : parser) {
                n++;
                cells.clear();
                r.forEach(cells::add);
                pages.row(n, cells);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports a broken quote as an unchecked error mid-iteration.
            return ParsedDocument.failed(media, "The CSV file is malformed (" + OfficeFiles.brief(e) + ").");
        }
        return ParsedDocument.completed(media, pages.finish());
    }

    /** The delimiter giving the same field count (more than one) on the most of the first lines. */
    static char sniff(String text) {
        String[] lines = text.lines().filter(l -> !l.isBlank()).limit(20).toArray(String[]::new);
        char best = ',';
        int bestScore = -1;
        for (char d : DELIMITERS) {
            java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
            for (String line : lines) {
                int fields = 1;
                boolean quoted = false;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c == '"') quoted = !quoted;
                    else if (c == d && !quoted) fields++;
                }
                if (fields > 1) counts.merge(fields, 1, Integer::sum);
            }
            int score = counts.values().stream().max(Integer::compare).orElse(0);
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }
}
