package dev.quarry.cli;

import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.PageRecord;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "text", mixinStandardHelpOptions = true, description = {
        "Print a document's text as Quarry stores it: extracted, or read by OCR from its scans.",
        "Pages are joined with a form feed (the document's full text, which chunk offsets point into); --page prints one page."})
final class TextCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Parameters(index = "1", paramLabel = "DOCUMENT_ID", description = "The document's id (quarry docs lists them).") long documentId;
    @Option(names = "--page", paramLabel = "N", description = "Print only page N (1 is the first).") Integer page;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() {
        if (page != null && page < 1) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--page takes a page number of 1 or more.");
        try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
            DocumentRepository docs = new DocumentRepository(m.db());
            DocumentSummary d = docs.find(documentId)
                    .orElseThrow(() -> new QuarryException("There is no document " + documentId + " in this matter."));
            if (page == null) {
                System.out.print(docs.fullText(d.id()));
            } else {
                PageRecord p = docs.page(d.id(), page).orElseThrow(() -> new QuarryException("Document " + documentId
                        + " has " + (d.pages() == 1 ? "one page" : d.pages() + " pages") + "; there is no page " + page + "."));
                System.out.print(p.text());
            }
            System.out.println();
            System.out.flush();
        }
        return 0;
    }
}
