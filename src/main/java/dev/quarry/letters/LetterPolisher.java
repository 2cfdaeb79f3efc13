package dev.quarry.letters;

import dev.quarry.core.QuarryException;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmRequest;
import dev.quarry.llm.LlmResponse;
import java.util.List;
import java.util.Map;

/**
 * Optional polish of a letter's wording by a model, only through {@link LlmGateway} (offline switch,
 * redaction, budget and audit apply). The polished text is checked against the draft by
 * {@link PolishCheck}; if any request number, Bates number, date, quotation or marker differs, nothing is
 * saved and the difference is given. The offline draft never needs this.
 */
public final class LetterPolisher {
    static final String SYSTEM = """
            You are a careful litigation associate editing a meet-and-confer letter to opposing counsel. Improve the \
            clarity, flow and tone of the prose: firm, professional, courteous. Return the whole letter in Markdown and \
            nothing else.
            Rules you must keep without exception:
            - Do not add, remove or change any request number, Bates number, date, case citation, rule or statute.
            - Do not change any text inside quotation marks or any line that starts with ">" (block quotations of the \
            requests and responses): copy them exactly.
            - Keep every HTML comment (<!-- ... -->) exactly where it is.
            - Keep the headings, the list items and the signature block; do not add facts or arguments.""";

    /** What a polish did: saved as a new version, or refused with the difference. */
    public record Outcome(boolean accepted, LetterService.LetterView saved, PolishCheck.Result check, String polished) {}

    private final LetterService letters;
    private final LlmGateway gateway;

    public LetterPolisher(LetterService letters, LlmGateway gateway) {
        this.letters = letters;
        this.gateway = gateway;
    }

    public boolean available() {
        return gateway != null && gateway.available();
    }

    public Outcome polish(long letterId, Integer version, String who) {
        if (gateway == null) throw new QuarryException("No language model is configured; the offline draft is complete without one.");
        LetterService.LetterView v = letters.show(letterId, version);
        String draft = v.version().content();
        LlmResponse r = gateway.complete(new LlmRequest(SYSTEM, draft, 8192, 0.2, List.of(), "letter_polish",
                "letter:" + letterId + ":v" + v.version().version(), false));
        String polished = unfence(r.text());
        PolishCheck.Result check = PolishCheck.check(draft, polished);
        if (!check.ok()) {
            letters.audit().record("letter.polish_refused", "letter", String.valueOf(letterId), Map.of("version", v.version().version(),
                    "missing", check.missing(), "added", check.added()));
            return new Outcome(false, null, check, polished);
        }
        if (polished.strip().equals(draft.strip())) {
            return new Outcome(true, v, check, polished);
        }
        LetterService.LetterView saved = letters.save(letterId, polished.endsWith("\n") ? polished : polished + "\n", "polish",
                "polished by " + r.provider() + " " + r.model() + " from version " + v.version().version(), who);
        letters.audit().record("letter.polished", "letter", String.valueOf(letterId), Map.of("from_version", v.version().version(),
                "version", saved.version().version(), "model", String.valueOf(r.model())));
        return new Outcome(true, saved, check, polished);
    }

    /** A model may wrap its answer in a code fence; the letter is what is inside. */
    static String unfence(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) t = t.substring(nl + 1, end).strip();
        }
        return t + "\n";
    }
}
