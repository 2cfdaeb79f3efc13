package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "docs", description = "List a matter's documents with status, pages, chunks and Bates range.")
final class DocsCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() {
        try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
            List<DocumentSummary> docs = new DocumentRepository(m.db()).listAll();
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (DocumentSummary d : docs) out.add(toJson(d));
                System.out.println(Json.write(out));
            } else {
                System.out.printf("%6s  %-18s %5s %6s  %-24s %s%n", "id", "status", "pages", "chunks", "bates", "file");
                for (DocumentSummary d : docs) {
                    String bates = d.batesBegin() == null ? "" : d.batesBegin() + (d.batesEnd() == null ? "" : "–" + d.batesEnd());
                    System.out.printf("%6d  %-18s %5d %6d  %-24s %s%s%n", d.id(), d.status().db(), d.pages(), d.chunks(),
                            bates, d.fileName(), d.error() == null ? "" : "  (" + d.error() + ")");
                }
            }
        }
        return 0;
    }

    static Map<String, Object> toJson(DocumentSummary d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", d.id());
        o.put("file_name", d.fileName());
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
