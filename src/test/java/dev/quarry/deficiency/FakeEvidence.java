package dev.quarry.deficiency;

import dev.quarry.documents.DocumentRepository;
import dev.quarry.evidence.Answer;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.Quote;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double of the evidence engine that reads the stored text: a yes/no criterion is "yes" when the
 * document holds the criterion's key word; the agreement date is the first "dated as of" date; the governing
 * law is the state after "laws of the State of". Quotes are real spans of the text.
 */
final class FakeEvidence implements Evidence {
    private final DocumentRepository docs;
    final AtomicInteger asks = new AtomicInteger();

    FakeEvidence(DocumentRepository docs) {
        this.docs = docs;
    }

    @Override
    public Answer ask(long documentId, Criterion c, Mode mode) {
        asks.incrementAndGet();
        String text = docs.fullText(documentId);
        Matcher m;
        switch (c.name()) {
            case "agreement_date" -> m = Pattern.compile("dated as of (\\w+ \\d{1,2}, (\\d{4}))").matcher(text);
            case "effective_date" -> m = Pattern.compile("effective (\\w+ \\d{1,2}, (\\d{4}))").matcher(text);
            case "governing_law" -> m = Pattern.compile("laws of the State of ([A-Z][a-z]+(?: [A-Z][a-z]+)?)").matcher(text);
            default -> {
                String key = c.name().contains("compete") ? "compete" : c.name().contains("escrow") ? "escrow" : c.name();
                int at = text.toLowerCase(Locale.ROOT).indexOf(key);
                if (at < 0) return notStated(documentId, c);
                int end = Math.min(text.length(), at + 40);
                return new Answer(c.name(), documentId, Answer.Outcome.VALUE, "yes", "yes", null, 0.9,
                        quote(documentId, text, at, end), Method.OFFLINE_M, false, List.of(key), List.of(), null, null);
            }
        }
        if (!m.find()) return notStated(documentId, c);
        String value = c.name().equals("governing_law") ? m.group(1) : m.group(2) + "-01-01";
        return new Answer(c.name(), documentId, Answer.Outcome.VALUE, m.group(1), value, null, 0.9,
                quote(documentId, text, m.start(), m.end()), Method.OFFLINE_M, false, List.of(), List.of(), null, null);
    }

    private static Quote quote(long doc, String text, int start, int end) {
        return new Quote(text.substring(start, end), 0, doc, 1, null, start, end, true);
    }

    private static Answer notStated(long doc, Criterion c) {
        return new Answer(c.name(), doc, Answer.Outcome.NOT_STATED, null, "", null, 0.9, null, Method.OFFLINE_M, false,
                List.of(c.name()), List.of(), null, null);
    }

    /** Answer.Method.OFFLINE, spelled short. */
    private static final class Method {
        static final Answer.Method OFFLINE_M = Answer.Method.OFFLINE;
    }
}
