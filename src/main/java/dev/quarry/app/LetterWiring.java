package dev.quarry.app;

import dev.quarry.core.AppDirs;
import dev.quarry.core.Matter;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.letters.BatesRanges;
import dev.quarry.letters.LetterExports;
import dev.quarry.letters.LetterModel;
import dev.quarry.letters.LetterPolisher;
import dev.quarry.letters.LetterRepository;
import dev.quarry.letters.LetterService;
import dev.quarry.letters.ReportSource;
import dev.quarry.letters.Templates;
import dev.quarry.llm.LlmGateway;
import java.util.Optional;

/**
 * Letters for one open matter: the letter service over the matter's database, reports from the matter's
 * deficiency reports, produced documents' Bates ranges from its documents, templates from Quarry's data folder.
 */
public final class LetterWiring {
    private LetterWiring() {}

    public record Letters(LetterService service, LetterExports exports, LetterPolisher polisher) {}

    public static Letters forMatter(Matter m, LlmGateway gateway) {
        return forMatter(m, gateway, reports(m));
    }

    public static Letters forMatter(Matter m, LlmGateway gateway, ReportSource reports) {
        LetterModel.DocumentBates bates = bates(new DocumentRepository(m.db()));
        LetterService s = new LetterService(new LetterRepository(m.db()), reports, Templates.forHome(AppDirs.home()), bates, m.audit());
        return new Letters(s, new LetterExports(s, bates), new LetterPolisher(s, gateway));
    }

    /**
     * The matter's deficiency reports. Until deficiency review (issue 15) is merged there is no report
     * repository to read, so a matter holds none and a report is handed over as JSON (letter draft --report FILE).
     */
    public static ReportSource reports(Matter m) {
        return ReportSource.none();
    }

    static LetterModel.DocumentBates bates(DocumentRepository docs) {
        return id -> {
            Optional<BatesRanges.Range> r = docs.find(id).map(d -> BatesRanges.range(d.batesBegin(), d.batesEnd()));
            return r.filter(java.util.Objects::nonNull);
        };
    }
}
