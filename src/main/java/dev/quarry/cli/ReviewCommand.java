package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.qa.ReviewQueue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "review", description = {
        "List the answers waiting for review, most doubtful first, or record the right answer.",
        "An answer waits when its confidence is below the threshold, when its citations did not check out, or when "
                + "a user sent it for review.",
        "--resolve ID --answer TEXT records the right answer, which the same question (case, spacing and punctuation "
                + "aside) gets from then on, labelled reviewed; --request ID sends an answer for review."})
final class ReviewCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--all", description = "Resolved reviews too, newest first.") boolean all;
    @Option(names = "--limit", defaultValue = "50", description = "How many waiting answers to list (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--resolve", paramLabel = "ID", description = "Resolve the review of question ID.") Long resolve;
    @Option(names = "--answer", paramLabel = "TEXT", description = "The correct answer (with --resolve).") String answer;
    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes kept with the resolution (with --resolve).") String notes;
    @Option(names = "--reviewer", paramLabel = "NAME", description = "Who reviewed (default: the user name).") String reviewer;
    @Option(names = "--request", paramLabel = "ID", description = "Send the answer to question ID for review.") Long request;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() {
        try (Matter m = Passwords.open(dir, passwordEnv)) {
            ReviewQueue q = new ReviewQueue(m.db());
            // What was done is said first (a sentence, or a field of the JSON), then the queue as it now is.
            Map<String, Object> out = new LinkedHashMap<>();
            if (request != null) {
                if (new dev.quarry.qa.QaRepository(m.db()).find(request).isEmpty()) {
                    throw new dev.quarry.core.QuarryException("There is no question " + request + " in this matter's history.");
                }
                q.request(request);
                m.audit().record("qa.review_requested", "qa_query", String.valueOf(request), Map.of());
                out.put("requested", request);
                if (!json) System.out.println("Sent the answer to question " + request + " for review.");
            }
            if (resolve != null) {
                String who = reviewer != null ? reviewer : System.getProperty("user.name");
                q.resolve(resolve, who, answer, notes);
                m.audit().record("qa.review_resolved", "qa_query", String.valueOf(resolve), Map.of("reviewer", who));
                Map<String, Object> resolved = new LinkedHashMap<>();
                resolved.put("query_id", resolve);
                resolved.put("reviewer", who);
                resolved.put("correct_answer", answer);
                resolved.put("notes", notes);
                out.put("resolved", resolved);
                if (!json) {
                    System.out.println("Resolved the review of question " + resolve + " (reviewer " + who + "): the right answer is \""
                            + answer.strip() + "\"" + (notes == null || notes.isBlank() ? "" : "; notes: \"" + notes.strip() + "\"") + ".");
                }
            }
            List<ReviewQueue.Item> items = all ? q.all() : q.queued(limit);
            if (json) {
                out.put("items", items.stream().map(ReviewCommand::json).toList());
                System.out.println(Json.write(out));
            } else if (items.isEmpty()) {
                System.out.println(all ? "No reviews yet." : "Nothing is waiting for review.");
            } else {
                for (ReviewQueue.Item i : items) {
                    System.out.printf("%6d  %-8s %-17s %s  %s%n", i.queryId(), i.status(), i.reason(),
                            i.confidence() == null ? "   -" : String.format("%.2f", i.confidence()), i.question());
                    if (i.correctAnswer() != null) System.out.println("        answer: " + i.correctAnswer());
                }
            }
        }
        return 0;
    }

    private static Map<String, Object> json(ReviewQueue.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query_id", i.queryId());
        m.put("question", i.question());
        m.put("answer", i.answer());
        m.put("reason", i.reason());
        m.put("confidence", i.confidence());
        m.put("priority", i.priority());
        m.put("status", i.status());
        m.put("created_at", i.createdAt().toString());
        m.put("reviewer", i.reviewer());
        m.put("correct_answer", i.correctAnswer());
        m.put("notes", i.notes());
        m.put("resolved_at", i.resolvedAt() == null ? null : i.resolvedAt().toString());
        return m;
    }
}
