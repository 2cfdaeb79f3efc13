package dev.quarry.qa;

import dev.quarry.core.Clock;
import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.llm.LlmException;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmRequest;
import dev.quarry.llm.LlmResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-room Q&A (seeds 001, 003, 004): retrieve, check answerability, answer with a model through the
 * gateway or extractively without one, verify every citation against the chunk text, score confidence,
 * send doubtful answers to review, and keep it all in the matter's history. A repeated question over
 * unchanged documents is answered from that history (cache_hit).
 */
public final class QaService {
    private static final Logger log = LoggerFactory.getLogger(QaService.class);
    public static final String REVIEW_THRESHOLD = dev.quarry.core.Settings.QA_REVIEW_THRESHOLD;
    /** From the reliability table of the fitting half of the dev questions: below it, fewer than a third of answers cite the right passage. */
    public static final double DEFAULT_REVIEW_THRESHOLD = Double.parseDouble(dev.quarry.core.Settings.DEFAULTS.get(REVIEW_THRESHOLD));
    static final int CANDIDATES = 8;
    static final int MAX_SOURCES = 5;
    static final int MAX_ANSWER_TOKENS = 700;

    /** What the user chose for this question; both can only make egress stricter. */
    public record AskOptions(boolean offline, boolean redact) {
        public static final AskOptions DEFAULT = new AskOptions(false, false);
    }

    private final Matter matter;
    private final PassageRetriever retriever;
    private final LlmGateway gateway;
    private final QuestionAnalyzer analyzer;
    private final CitationVerifier verifier = new CitationVerifier();
    private final ExtractiveAnswerer extractive = new ExtractiveAnswerer();
    private final MatterOverview overview;
    private final QaRepository repository;
    private final ReviewQueue reviews;
    private final Map<String, Boolean> answerable = new java.util.HashMap<>();
    private String answerableStamp;

    /** @param lookup where the answerability check looks up words the passages lack; null scans the chunks table */
    public QaService(Matter matter, PassageRetriever retriever, TermLookup lookup, LlmGateway gateway) {
        this.matter = matter;
        this.retriever = retriever;
        this.gateway = gateway;
        // The off-topic bound on dense similarity was measured with the default model only (docs/BENCHMARKS.md).
        boolean measured = QuestionAnalyzer.MEASURED_MODEL.equals(matter.settings().find(dev.quarry.core.Settings.EMBEDDING_MODEL)
                .orElse(QuestionAnalyzer.MEASURED_MODEL));
        this.analyzer = new QuestionAnalyzer(lookup != null ? lookup : new SqlTermLookup(matter.db()), measured);
        this.overview = new MatterOverview(matter.db());
        this.repository = new QaRepository(matter.db());
        this.reviews = new ReviewQueue(matter.db());
    }

    public QaRepository history() { return repository; }

    public ReviewQueue reviews() { return reviews; }

    public QaResult ask(String question, AskOptions options) {
        return ask(question, options, null);
    }

    /** Answers a question; with {@code onToken} the model's answer streams into it as it is written. */
    public QaResult ask(String question, AskOptions options, Consumer<String> onToken) {
        String q = question == null ? "" : question.strip();
        if (q.length() < 5 || q.length() > 2000) {
            throw new QuarryException("A question must be 5 to 2,000 characters long (this one has " + q.length() + ").");
        }
        long t0 = System.nanoTime();
        Instant created = Clock.now();
        long id = repository.insertPending(q, created);
        try {
            return answer(id, q, created, t0, options, onToken);
        } catch (RuntimeException e) {
            // Nothing half-answered stays behind: a failure outside the model call leaves no pending row.
            repository.delete(id);
            throw e;
        }
    }

    private QaResult answer(long id, String q, Instant created, long t0, AskOptions options, Consumer<String> onToken) {
        // A question a reviewer has answered gets the reviewer's answer: never the old answer again, from the
        // cache or from asking anew, whatever the mode.
        var reviewed = reviews.resolvedAnswer(q);
        if (reviewed.isPresent()) {
            QaResult r = reviewed(id, q, reviewed.get(), created, t0);
            repository.complete(r, null);
            log.info("Question {} answered with the answer recorded in the review of question {}", id, reviewed.get().queryId());
            return r;
        }
        List<Passage> candidates = retriever.retrieve(q, CANDIDATES);
        QuestionAnalysis analysis = analyzer.analyse(q, candidates);
        List<Passage> sources = candidates.subList(0, Math.min(MAX_SOURCES, candidates.size()));
        long retrievalMs = ms(t0);

        boolean useModel = !options.offline() && gateway != null && gateway.available();
        boolean redact = useModel && (options.redact() || gateway.policy().redact());
        String mode = useModel ? gateway.config().map(c -> c.provider().id() + ":" + c.baseUrl() + ":" + c.model()).orElse("?") : "extractive";
        String cacheKey = cacheKey(q, mode, redact, sources);

        var cached = repository.findCached(cacheKey).flatMap(repository::find);
        QaResult result;
        if (cached.isPresent()) {
            result = cached.get().withIdentity(id, created, true, retrievalMs, 0, ms(t0), 0, 0, 0);
        } else if (!analysis.canAnswer()) {
            result = insufficient(id, q, analysis, analysis.reason(), retrievalMs, 0, null, t0, created,
                    Confidence.signals(q, analysis, sources, candidates).asMap());
        } else if (!useModel) {
            result = extractive(id, q, analysis, sources, candidates, retrievalMs, t0, created, null, 0, 0);
        } else {
            result = generate(id, q, analysis, sources, candidates, options, redact, retrievalMs, t0, created, onToken);
        }
        repository.complete(result, result.answerType() == AnswerType.ERROR ? null : cacheKey);
        if (result.flaggedForReview() && !result.cacheHit()) {
            boolean citationFailure = result.verification() != null && result.verification().hasFailures();
            reviews.enqueue(id, citationFailure ? "citation_failure" : "low_confidence", result.confidence());
        }
        log.info("Question {} answered: {} in {} ms (retrieval {} ms, model {} ms){}", id, result.answerType().db(),
                result.totalMs(), result.retrievalMs(), result.llmMs(), result.cacheHit() ? " from cache" : "");
        return result;
    }

    private QaResult generate(long id, String q, QuestionAnalysis analysis, List<Passage> sources, List<Passage> candidates,
                              AskOptions options,
                              boolean redact, long retrievalMs, long t0, Instant created, Consumer<String> onToken) {
        List<Long> docIds = sources.stream().map(Passage::documentId).distinct().toList();
        LlmRequest request = new LlmRequest(PromptBuilder.SYSTEM, PromptBuilder.user(q, sources), MAX_ANSWER_TOKENS, 0.0,
                docIds, "qa", String.valueOf(id), options.redact());
        long tl = System.nanoTime();
        LlmResponse r;
        try {
            r = onToken == null ? gateway.complete(request) : gateway.stream(request, onToken);
        } catch (LlmException e) {
            // The user still gets the best passages, under the sentence that says what went wrong.
            return extractive(id, q, analysis, sources, candidates, retrievalMs, t0, created, e, ms(tl), e.retries());
        }
        long llmMs = ms(tl);
        String text = r.text().strip();
        if (text.startsWith(PromptBuilder.INSUFFICIENT) || text.isEmpty()) {
            String reason = text.isEmpty() ? "The model gave no answer." : text.substring(PromptBuilder.INSUFFICIENT.length()).strip();
            QaResult ins = insufficient(id, q, analysis, reason, retrievalMs, llmMs, r, t0, created,
                    Confidence.signals(q, analysis, sources, candidates).asMap());
            return ins;
        }
        CitationVerifier.Result v = verifier.verify(text, sources);
        Set<String> qStems = Terms.stems(q);
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int rank = i + 1;
            Passage p = sources.get(i);
            String quote = v.quoteByRank().get(rank);
            String preview = quote != null ? previewAround(p.text(), quote) : Previews.bestWindow(p.text(), qStems);
            citations.add(citation(rank, p, preview, v.citedRanks().contains(rank), v.verifiedRanks().contains(rank)));
        }
        List<Verification.Claim> claims = v.verification().claims();
        long withMarkers = claims.stream().filter(c -> !c.markers().isEmpty()).count();
        double validity = claims.isEmpty() ? 0 : (double) v.verification().supported() / claims.size();
        double grounding = claims.isEmpty() ? 0 : (double) withMarkers / claims.size();
        Map<String, Double> breakdown = new LinkedHashMap<>();
        breakdown.put("retrieval", top(sources));
        breakdown.put("coverage", analysis.coverage());
        breakdown.put("citation_validity", QuestionAnalyzer.round(validity));
        breakdown.put("grounding", QuestionAnalyzer.round(grounding));
        List<Passage> citedSources = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) if (v.citedRanks().contains(i + 1)) citedSources.add(sources.get(i));
        breakdown.putAll(Confidence.signals(q, analysis, citedSources.isEmpty() ? sources : citedSources, candidates).asMap());
        // The chance that a cited passage is the right one, discounted by the share of claims that checked out;
        // a claim that failed its check sends the answer to review whatever retrieval says.
        double retrieval = Confidence.score(q, analysis, citedSources.isEmpty() ? sources : citedSources, candidates);
        breakdown.put("passages_right", QuestionAnalyzer.round(retrieval));
        double confidence = retrieval * validity;
        if (v.verification().hasFailures()) confidence = Math.min(confidence, 0.4);
        confidence = QuestionAnalyzer.round(confidence);
        boolean flagged = v.verification().hasFailures() || confidence < threshold();
        return new QaResult(id, q, v.annotatedAnswer(), AnswerType.GROUNDED, confidence, breakdown, citations, List.of(),
                analysis, null, v.verification(), flagged, retrievalMs, llmMs, ms(t0), r.inputTokens(), r.outputTokens(),
                r.provider(), r.model(), r.retries(), null, null, false, redact, created, null);
    }

    private QaResult extractive(long id, String q, QuestionAnalysis analysis, List<Passage> sources, List<Passage> candidates,
                                long retrievalMs,
                                long t0, Instant created, LlmException error, long llmMs, int retries) {
        ExtractiveAnswerer.Extract ex = extractive.answer(q, sources);
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Passage p = sources.get(i);
            citations.add(citation(i + 1, p, previewAround(p.text(), ex.quotes().get(i)), true, true));
        }
        Map<String, Double> breakdown = new LinkedHashMap<>();
        breakdown.put("retrieval", top(sources));
        breakdown.put("coverage", analysis.coverage());
        breakdown.putAll(Confidence.signals(q, analysis, sources, candidates).asMap());
        double confidence = QuestionAnalyzer.round(Confidence.score(q, analysis, sources, candidates));
        breakdown.put("passages_right", confidence);
        if (error != null) {
            String answer = error.getMessage() + "\n\n" + ex.answer();
            return new QaResult(id, q, answer, AnswerType.ERROR, 0, breakdown, citations, List.of(), analysis, null, null,
                    false, retrievalMs, llmMs, ms(t0), 0, 0, gateway.config().map(c -> c.provider().id()).orElse(null),
                    gateway.config().map(c -> c.model()).orElse(null), retries, error.failure().code(), error.getMessage(),
                    false, false, created, null);
        }
        return new QaResult(id, q, ex.answer(), AnswerType.EXTRACTIVE, confidence, breakdown, citations, List.of(), analysis,
                null, null, confidence < threshold(), retrievalMs, 0, ms(t0), 0, 0, null, null, 0, null, null, false, false,
                created, null);
    }

    private QaResult reviewed(long id, String q, ReviewQueue.Resolved rv, Instant created, long t0) {
        Map<String, Double> breakdown = new LinkedHashMap<>();
        breakdown.put("reviewed", 1.0);
        return new QaResult(id, q, rv.answer(), AnswerType.REVIEWED, 1.0, breakdown, List.of(), List.of(), null, null, null,
                false, 0, 0, ms(t0), 0, 0, null, null, 0, null, null, false, false, created, null,
                new QaResult.Reviewed(rv.queryId(), rv.reviewer(), rv.resolvedAt()));
    }

    private QaResult insufficient(long id, String q, QuestionAnalysis analysis, String reason, long retrievalMs, long llmMs,
                                  LlmResponse r, long t0, Instant created, Map<String, Double> signals) {
        MatterOverview.Coverage cov = overview.coverage(stamp());
        List<String> suggestions = overview.suggestions(cov, analysis.found(), this::answerable);
        StringBuilder answer = new StringBuilder("Insufficient evidence: ").append(reason).append("\n").append(cov.sentence())
                .append("\nQuestions this matter can answer:");
        for (String s : suggestions) answer.append("\n- ").append(s);
        Map<String, Double> breakdown = new LinkedHashMap<>();
        breakdown.put("retrieval", 0.0);
        breakdown.put("coverage", analysis.coverage());
        breakdown.putAll(signals); // what retrieval found, so that a refusal shows how far off the passages were
        return new QaResult(id, q, answer.toString(), AnswerType.INSUFFICIENT_EVIDENCE, analysis.confidence(), breakdown,
                List.of(), suggestions, analysis, MatterOverview.json(cov), null, false, retrievalMs, llmMs, ms(t0),
                r == null ? 0 : r.inputTokens(), r == null ? 0 : r.outputTokens(), r == null ? null : r.provider(),
                r == null ? null : r.model(), r == null ? 0 : r.retries(), null, null, false, false, created, null);
    }

    /**
     * Whether a suggested question passes the answerability check. Remembered until the matter changes:
     * the same few topic questions come up for every unanswerable question, and each check is a search.
     */
    private boolean answerable(String suggestion) {
        String stamp = stamp();
        synchronized (answerable) {
            if (!stamp.equals(answerableStamp)) {
                answerable.clear();
                answerableStamp = stamp;
            }
            Boolean known = answerable.get(suggestion);
            if (known != null) return known;
        }
        boolean ok = analyzer.analyse(suggestion, retriever.retrieve(suggestion, 3)).canAnswer();
        synchronized (answerable) {
            if (stamp.equals(answerableStamp)) answerable.put(suggestion, ok);
        }
        return ok;
    }

    private static Citation citation(int rank, Passage p, String preview, boolean cited, boolean verified) {
        return new Citation(rank, p.chunkId(), p.documentId(), p.fileName(), p.page() > 0 ? p.page() : null, p.bates(),
                p.docStartChar(), p.docEndChar(), preview, QuestionAnalyzer.round(QuestionAnalyzer.clamp(p.score())), cited, verified,
                p.originalName());
    }

    private static String previewAround(String text, String quote) {
        String plain = quote.replace(" …", "");
        int at = text.indexOf(plain.substring(0, Math.min(plain.length(), 40)));
        if (at < 0) {
            String norm = Terms.normalise(text);
            int n = norm.indexOf(Terms.normalise(plain));
            return n < 0 ? Previews.window(text, 0, Math.min(text.length(), Previews.MAX))
                    : Previews.window(norm.equals(text) ? text : text.replaceAll("\\s+", " ").strip(), n, n + plain.length());
        }
        return Previews.window(text, at, at + plain.length());
    }

    private double threshold() {
        return matter.settings().find(REVIEW_THRESHOLD).map(Double::parseDouble).orElse(DEFAULT_REVIEW_THRESHOLD);
    }

    private static double top(List<Passage> sources) {
        return sources.isEmpty() ? 0 : QuestionAnalyzer.round(QuestionAnalyzer.clamp(sources.get(0).score()));
    }

    private String stamp() {
        return repository.matterStamp();
    }

    private String cacheKey(String q, String mode, boolean redact, List<Passage> sources) {
        StringBuilder sb = new StringBuilder("qa-v2\n").append(Terms.normalise(q)).append('\n').append(mode).append('\n')
                .append(redact).append('\n').append(stamp()).append('\n');
        Set<Long> ids = new LinkedHashSet<>();
        for (Passage p : sources) ids.add(p.chunkId());
        sb.append(ids);
        return Hashing.sha256(sb.toString());
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
