package dev.quarry.ui.ask;

import dev.quarry.app.HybridPassageRetriever;
import dev.quarry.app.MatterSession;
import dev.quarry.core.Matter;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import dev.quarry.qa.QaRepository;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.QaService;
import dev.quarry.qa.ReviewQueue;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.quarry.retrieval.Retrieval;

/**
 * What the Ask pane needs from Q&A, as one seam so its view model is tested without a model or a matter.
 * Every method blocks (database, retrieval, the model): call them on the task runner.
 */
public interface AskBackend {
    QaResult ask(String question, QaService.AskOptions options, Consumer<String> onToken);
    List<QaResult> history(int limit, int offset);
    void feedback(long queryId, String rating, String comment);
    void requestReview(long queryId);
    List<ReviewQueue.Item> queuedReviews();
    void resolveReview(long queryId, String correctAnswer, String notes);

    /**
     * The real one over an open matter, wired as the command line does. The model settings are read at
     * each question, so a change in Settings applies to the next one without reopening the matter.
     * {@code retrieval} is the session's, handed over so that a question does not wait on the session lock.
     */
    static AskBackend of(MatterSession session, Supplier<Retrieval> retrieval, Map<String, String> env, ApiKeys keys) {
        Matter m = session.matter();
        QaRepository history = new QaRepository(m.db());
        ReviewQueue reviews = new ReviewQueue(m.db());
        return new AskBackend() {
            @Override
            public QaResult ask(String question, QaService.AskOptions options, Consumer<String> onToken) {
                LlmGateway gateway = LlmGateway.forMatter(m, LlmSettings.resolve(m.settings(), env, keys).orElse(null));
                HybridPassageRetriever retriever = new HybridPassageRetriever(retrieval.get());
                return new QaService(m, retriever, retriever, gateway).ask(question, options, onToken);
            }

            @Override public List<QaResult> history(int limit, int offset) { return history.history(limit, offset); }
            @Override public void feedback(long queryId, String rating, String comment) { history.feedback(queryId, rating, comment); }
            @Override public void requestReview(long queryId) { reviews.request(queryId); }
            @Override public List<ReviewQueue.Item> queuedReviews() { return reviews.queued(200); }
            @Override public void resolveReview(long queryId, String correctAnswer, String notes) {
                reviews.resolve(queryId, System.getProperty("user.name"), correctAnswer, notes);
            }
        };
    }
}
