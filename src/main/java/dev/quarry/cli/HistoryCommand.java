package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.qa.QaJson;
import dev.quarry.qa.QaRepository;
import dev.quarry.qa.QaResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = {"A matter's questions and answers, newest first.",
        "Also: --export FILE (all of it as JSON), --delete ID, --delete-all, --feedback ID helpful|not_helpful [--comment]."})
final class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--limit", defaultValue = "20", description = "How many questions to list (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--offset", defaultValue = "0", description = "Skip this many of the newest first (default: ${DEFAULT-VALUE}).") int offset;
    @Option(names = "--export", paramLabel = "FILE", description = "Write the whole history as JSON to FILE.") Path export;
    @Option(names = "--delete", paramLabel = "ID", description = "Delete question ID and its answer from the history.") Long delete;
    @Option(names = "--delete-all", description = "Delete the whole history.") boolean deleteAll;
    @Option(names = "--feedback", arity = "2", paramLabel = "ID RATING", hideParamSyntax = true, description = "Rate an answer: ID helpful|not_helpful.") List<String> feedback;
    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment kept with --feedback.") String comment;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() throws IOException {
        try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
            QaRepository h = new QaRepository(m.db());
            // What was done is said first (a sentence, or a field of the JSON), then the history as it now is.
            Map<String, Object> out = new LinkedHashMap<>();
            if (delete != null) {
                if (!h.delete(delete)) throw new QuarryException("There is no question " + delete + " in this matter's history.");
                m.audit().record("qa.deleted", "qa_query", String.valueOf(delete), Map.of());
                out.put("deleted", delete);
                if (!json) System.out.println("Deleted question " + delete + " and its answer from the history.");
            }
            if (deleteAll) {
                int n = h.deleteAll();
                m.audit().record("qa.deleted_all", "qa_query", null, Map.of("count", n));
                out.put("deleted_all", n);
                if (!json) System.out.println("Deleted the whole history (" + n + (n == 1 ? " question)." : " questions)."));
            }
            if (feedback != null) {
                if (!feedback.get(0).matches("\\d{1,18}")) {
                    throw new QuarryException("--feedback takes a question id from the history (a number), then helpful or not_helpful.");
                }
                long id = Long.parseLong(feedback.get(0));
                h.feedback(id, feedback.get(1), comment);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("query_id", id);
                f.put("rating", feedback.get(1));
                f.put("comment", comment);
                out.put("feedback", f);
                if (!json) {
                    System.out.println("Recorded that the answer to question " + id + " was " + feedback.get(1).replace('_', ' ')
                            + (comment == null || comment.isBlank() ? "" : ", with the comment \"" + comment.strip() + "\"") + ".");
                }
            }
            if (export != null) {
                List<Map<String, Object>> all = h.history(Integer.MAX_VALUE, 0).stream().map(QaJson::of).toList();
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(Files.newBufferedWriter(export), all);
                m.audit().record("qa.exported", "qa_query", null, Map.of("count", all.size(), "file", export.toAbsolutePath().toString()));
                out.put("exported", Map.of("count", all.size(), "file", export.toAbsolutePath().toString()));
                if (!json) System.out.println("Wrote " + all.size() + (all.size() == 1 ? " question" : " questions") + " to " + export.toAbsolutePath() + ".");
            }
            List<QaResult> page = h.history(limit, offset);
            if (json) {
                out.put("total", h.count());
                out.put("limit", limit);
                out.put("offset", offset);
                out.put("items", page.stream().map(QaJson::of).toList());
                System.out.println(Json.write(out));
            } else {
                for (QaResult r : page) {
                    System.out.printf("%6d  %s  %-22s %.2f%s  %s%n", r.queryId(), r.createdAt(), r.answerType().db(), r.confidence(),
                            r.flaggedForReview() ? " review" : "", r.question());
                }
            }
        }
        return 0;
    }
}
