package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import dev.quarry.qa.Citation;
import dev.quarry.app.HybridPassageRetriever;
import dev.quarry.app.MatterSession;
import dev.quarry.qa.QaJson;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.QaService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", description = {
        "Ask a question of a matter; the answer cites its passages (document, page, Bates).",
        "The model comes from QUARRY_LLM_PROVIDER (openai|anthropic), QUARRY_LLM_BASE_URL, QUARRY_LLM_MODEL and "
                + "QUARRY_LLM_API_KEY, else from the matter's llm.* settings; with none, or --offline, the answer is extractive.",
        "Passages come from the matter's hybrid search (meaning + keywords)."})
final class AskCommand implements Callable<Integer> {
    /** The environment, replaceable in tests. */
    static Map<String, String> env = System.getenv();

    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Parameters(index = "1..*", arity = "1..*", description = "The question (5 to 2,000 characters).") List<String> words;
    @Option(names = "--offline", description = "Send nothing to any model: answer by quoting the best passages.") boolean offline;
    @Option(names = "--redact", description = "Replace e-mail addresses, phone, SSN, card and account numbers before sending.") boolean redact;
    @Option(names = "--json", description = "Print the answer as JSON.") boolean json;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() {
        try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
            Matter m = s.matter();
            LlmGateway gateway = LlmGateway.forMatter(m, LlmSettings.resolve(m.settings(), env, ApiKeys.userDefault()).orElse(null));
            HybridPassageRetriever retriever = new HybridPassageRetriever(s.retrieval());
            QaService qa = new QaService(m, retriever, retriever, gateway);
            QaService.AskOptions options = new QaService.AskOptions(offline, redact);
            String question = String.join(" ", words);
            if (json) {
                QaResult r = qa.ask(question, options);
                Map<String, Object> out = QaJson.of(r);
                out.put("retriever", "hybrid");
                System.out.println(Json.write(out));
            } else {
                java.util.concurrent.atomic.AtomicBoolean streamed = new java.util.concurrent.atomic.AtomicBoolean();
                QaResult r = qa.ask(question, options, piece -> {
                    streamed.set(true);
                    System.out.print(piece);
                    System.out.flush();
                });
                if (!streamed.get()) {
                    System.out.print(r.answer());
                } else if (r.verification() != null && r.verification().supported() < r.verification().claims().size()) {
                    // What streamed was the model's raw text; the checked answer marks what its sources do not bear out.
                    System.out.print("\n\nChecked against the sources:\n" + r.answer());
                }
                System.out.println();
                print(r);
            }
        }
        return 0;
    }

    private static void print(QaResult r) {
        System.out.println();
        for (Citation c : r.citations()) {
            System.out.printf("[%d] %s%s%s%s  score %.2f%s%n    %s%n", c.rank(), c.fileName(),
                    c.originalName() == null ? "" : " (" + c.originalName() + ")", c.page() == null ? "" : ", p. " + c.page(),
                    c.bates() == null ? "" : ", " + c.bates(), c.score(), c.cited() && !c.verified() ? "  (NOT VERIFIED)" : "", c.preview());
        }
        System.out.printf("%n%s, confidence %.2f%s%s, %d ms (retrieval %d, model %d)%s%n", r.answerType().db(), r.confidence(),
                r.flaggedForReview() ? ", flagged for review" : "", r.cacheHit() ? ", from cache" : "", r.totalMs(),
                r.retrievalMs(), r.llmMs(), r.model() == null ? "" : ", " + r.model());
    }
}
