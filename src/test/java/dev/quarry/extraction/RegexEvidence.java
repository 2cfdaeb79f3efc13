package dev.quarry.extraction;

import dev.quarry.core.Database;
import dev.quarry.documents.ChunkRecord;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.evidence.Answer;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.Quote;
import dev.quarry.evidence.QuoteCheck;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double of the evidence engine: each criterion name maps to a regular expression; the first match in a
 * chunk of the document is the value (group 1, or "yes" for BOOLEAN), quoted from that chunk and verified with the
 * real {@link QuoteCheck}. No match is "not stated" with the chunks seen as proof. It records every criterion it
 * was asked with, so tests see which prompt version (instructions, examples) a run used.
 */
public final class RegexEvidence implements Evidence {
    final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    final List<Criterion> asked = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    /** A document id whose cells fail (an engine error), or -1. */
    volatile long failing = -1;
    /** Pause per call, for runs that must still be going when a test cancels or kills them. */
    volatile long delayMs;
    private final DocumentRepository docs;

    public RegexEvidence(Database db) {
        this.docs = new DocumentRepository(db);
    }

    public RegexEvidence with(String name, String regex) {
        patterns.put(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        return this;
    }

    @Override
    public Answer ask(long documentId, Criterion c, Mode mode) {
        calls.incrementAndGet();
        asked.add(c);
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (documentId == failing) {
            return new Answer(c.name(), documentId, Answer.Outcome.ERROR, null, "", null, 0, null, Answer.Method.OFFLINE, true,
                    List.of(), List.of(), null, "The model answered with invalid JSON twice.");
        }
        Pattern p = patterns.get(c.name());
        List<ChunkRecord> chunks = docs.chunks(documentId);
        // A corrected example overrides what the pattern finds (what "recalibrate from feedback" means to this double).
        for (Criterion.Example e : c.examples()) {
            if (e.correct() && e.comment() != null && e.comment().contains("always")) {
                return new Answer(c.name(), documentId, Answer.Outcome.VALUE, e.value(), e.value(), null, 0.5, null,
                        Answer.Method.OFFLINE, true, List.of(), List.of(), null, null);
            }
        }
        if (p != null) {
            for (ChunkRecord ch : chunks) {
                Matcher m = p.matcher(ch.text());
                if (!m.find()) continue;
                String raw = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
                String value = c.type() == dev.quarry.evidence.ValueType.BOOLEAN ? "yes" : raw.strip();
                String quote = m.group();
                var span = QuoteCheck.locate(ch.text(), quote).orElseThrow();
                Quote q = new Quote(quote, ch.id(), documentId, ch.pageNumber(), null, ch.docStartChar() + span.start(),
                        ch.docStartChar() + span.end(), true);
                return new Answer(c.name(), documentId, Answer.Outcome.VALUE, raw, value, null, 0.8, q, Answer.Method.OFFLINE, false,
                        List.of(c.name()), List.of(), null, null);
            }
        }
        if (c.type() == dev.quarry.evidence.ValueType.BOOLEAN && p != null) {
            return new Answer(c.name(), documentId, Answer.Outcome.VALUE, "no", "no", null, 0.55, null, Answer.Method.OFFLINE, true,
                    List.of(c.name()), seen(chunks), null, null);
        }
        return new Answer(c.name(), documentId, Answer.Outcome.NOT_STATED, null, "", null, 0.4, null, Answer.Method.OFFLINE, false,
                List.of(c.name()), seen(chunks), null, null);
    }

    private static List<Answer.Seen> seen(List<ChunkRecord> chunks) {
        return chunks.stream().limit(2).map(ch -> new Answer.Seen(ch.id(), ch.pageNumber(), null, ch.docStartChar(), ch.docEndChar(),
                ch.text(), 0.1)).toList();
    }
}
