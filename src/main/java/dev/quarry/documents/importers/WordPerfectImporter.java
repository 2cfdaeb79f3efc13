package dev.quarry.documents.importers;

import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.util.Set;

/**
 * Recognises WordPerfect files only to say plainly that Quarry cannot read them. Old productions still
 * contain them; a reason that names the format tells the reviewer to ask for a converted copy, where
 * the generic "does not read .wpd files" would not. Recognised by extension or by the {@code \xFFWPC}
 * signature, so a misnamed one is caught too.
 */
public final class WordPerfectImporter implements Importer {
    static final String REASON = "Quarry does not read WordPerfect files; ask for the document as PDF or Word.";
    private static final Set<String> EXTENSIONS = Set.of("wpd", "wp", "wp5", "wp6", "wpt");
    private static final byte[] MAGIC = {(byte) 0xFF, 'W', 'P', 'C'};

    @Override
    public String name() {
        return "wordperfect";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension()) || Importers.startsWith(head, MAGIC);
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) {
        return ParsedDocument.failed("application/vnd.wordperfect", REASON);
    }
}
