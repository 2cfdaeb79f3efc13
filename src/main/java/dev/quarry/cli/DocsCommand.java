package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.BatesNumber;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "docs", description = "List a matter's documents with status, pages, chunks, Bates range and original name.")
final class DocsCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
    @Option(names = "--bates", paramLabel = "NUMBER", description = {"Only the documents holding this Bates number: a page "
            + "stamped with it, or a range that contains it (SSC0000380 finds SSC0000001-SSC0000400).",
            "Adds page and page_bates (null when the document is one page for the whole range). Exits 1 when none does."})
    String bates;
    @Option(names = "--name", paramLabel = "TEXT", description = "Only documents whose file name or original name "
            + "(the producer's FILENAME) contains TEXT, ignoring case.")
    String name;

    @Override
    public Integer call() {
        try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
            DocumentRepository repository = new DocumentRepository(m.db());
            List<DocumentSummary> docs;
            Map<Long, DocumentRepository.BatesMatch> matches = new LinkedHashMap<>();
            if (bates != null) {
                if (BatesNumber.parse(bates).isEmpty()) {
                    throw new QuarryException("\"" + bates.strip() + "\" is not a Bates number (a prefix and digits, like ABC0001234).");
                }
                for (DocumentRepository.BatesMatch b : repository.findByBates(bates)) matches.put(b.document().id(), b);
                docs = matches.values().stream().map(DocumentRepository.BatesMatch::document).toList();
            } else {
                docs = repository.listAll();
            }
            if (name != null) {
                String q = name.strip().toLowerCase(Locale.ROOT);
                docs = docs.stream().filter(d -> contains(d.fileName(), q) || contains(d.originalName(), q)).toList();
            }
            if (docs.isEmpty() && bates != null) {
                throw new QuarryException("No document in this matter holds Bates number " + bates.strip() + ".");
            }
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                Map<Long, dev.quarry.documents.OcrStore.DocumentOcr> ocr = new dev.quarry.documents.OcrStore(m.db()).byDocument();
                for (DocumentSummary d : docs) {
                    Map<String, Object> o = toJson(d);
                    putOcr(o, ocr.get(d.id()));
                    DocumentRepository.BatesMatch b = matches.get(d.id());
                    if (b != null) {
                        o.put("page", b.page());
                        o.put("page_bates", b.pageBates());
                    }
                    out.add(o);
                }
                System.out.println(Json.write(out));
            } else {
                System.out.printf("%6s  %-18s %5s %6s  %-24s %s%n", "id", "status", "pages", "chunks", "bates", "file");
                for (DocumentSummary d : docs) {
                    String range = d.batesBegin() == null ? "" : d.batesBegin() + (d.batesEnd() == null ? "" : "–" + d.batesEnd());
                    DocumentRepository.BatesMatch b = matches.get(d.id());
                    String at = b == null ? "" : b.page() == null ? "  (one page for the range)" : "  (p. " + b.page() + ")";
                    System.out.printf("%6d  %-18s %5d %6d  %-24s %s%s%s%s%n", d.id(), d.status().db(), d.pages(), d.chunks(),
                            range, d.fileName(), d.originalName() == null ? "" : "  " + d.originalName(), at,
                            d.error() == null ? "" : "  (" + d.error() + ")");
                }
            }
        }
        return 0;
    }

    private static boolean contains(String field, String lowerQuery) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(lowerQuery);
    }

    /**
     * OCR facts: whether it was attempted, the mean confidence (0–1) of the pages OCR read (null: none), and how
     * many pages are flagged below the matter's threshold, wait for OCR, or could not be read.
     */
    static void putOcr(Map<String, Object> o, dev.quarry.documents.OcrStore.DocumentOcr f) {
        o.put("ocr_attempted", f != null && f.attempted());
        o.put("ocr_confidence", f == null || f.meanConfidence() == null ? null : Math.round(f.meanConfidence() * 1000) / 1000.0);
        o.put("ocr_low_confidence_pages", f == null ? 0 : f.lowConfidencePages());
        o.put("ocr_pages_pending", f == null ? 0 : f.pagesPending());
        o.put("ocr_pages_failed", f == null ? 0 : f.pagesFailed());
    }

    static Map<String, Object> toJson(DocumentSummary d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", d.id());
        o.put("file_name", d.fileName());
        o.put("original_name", d.originalName());
        o.put("status", d.status().db());
        o.put("error", d.error());
        o.put("pages", d.pages());
        o.put("chunks", d.chunks());
        o.put("bates_begin", d.batesBegin());
        o.put("bates_end", d.batesEnd());
        o.put("sha256", d.sha256());
        o.put("parent_id", d.parentId());
        o.put("custodian", d.custodian());
        o.put("media_type", d.mediaType());
        o.put("size_bytes", d.sizeBytes());
        return o;
    }
}
