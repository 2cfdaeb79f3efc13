package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.retrieval.EmbeddingService;
import dev.quarry.retrieval.ModelSwitch;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "embed", mixinStandardHelpOptions = true, description = {
        "Embed every chunk that has no vector for the matter's model (resumes an interrupted embed job).",
        "--model switches the matter to another model: the new vectors are made beside the old ones, search keeps "
                + "using the old model until the new one has every chunk, then the matter switches at once.",
        "An interrupted switch resumes with the next `quarry embed DIR`; `matter info` shows how far it got."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done (and switched, with --model)", "1:an error", "2:the command line was wrong",
                "3:cancelled (Ctrl-C) or the switch is still pending: run it again to resume"})
final class EmbedCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--model", description = "Switch the matter to this model id (e.g. all-minilm-l6-v2, bge-small-en-v1.5-q).") String model;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
    @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;

    @Override
    public Integer call() {
        CancelOnInterrupt interrupt = new CancelOnInterrupt("embedding");
        int code = 1;
        try {
            code = embed(interrupt.token());
            return code;
        } finally {
            interrupt.finish(code);
        }
    }

    private int embed(CancelToken cancel) {
        Matter matter = Passwords.open(dir, passwordEnv);
        ModelSwitch change = new ModelSwitch(matter);
        if (model != null && !change.start(model)) {
            if (!quiet) System.err.println("The matter already uses " + model + "; no switch is pending.");
        }
        try (MatterSession s = new MatterSession(matter)) {
            ProgressListener progress = quiet ? p -> {} : new ImportCommand.StderrProgress();
            // The model in use first: it must stay complete while the switch is under way.
            EmbeddingService.Report r = s.retrieval().makeSearchable(() -> false, progress, cancel);
            if (!quiet) System.err.println();
            System.out.printf("Embedding %s with %s: %d chunks embedded, %d reused in %.1f s%n", r.status().db(),
                    s.model().id(), r.embedded(), r.reused(), r.elapsed().toMillis() / 1000.0);
            if (r.status() != JobStatus.COMPLETED) return 3;
            Optional<ModelSwitch.Result> switched = change.run(progress, cancel);
            if (!quiet && switched.isPresent()) System.err.println();
            if (switched.isEmpty()) return 0;
            ModelSwitch.Result sw = switched.get();
            EmbeddingService.Report e = sw.embedding();
            if (sw.switched()) {
                System.out.printf("Switched to %s: %d chunks embedded, %d reused in %.1f s; search now uses %s.%n",
                        sw.before().to(), e.embedded(), e.reused(), e.elapsed().toMillis() / 1000.0, sw.before().to());
                return 0;
            }
            ModelSwitch.Pending now = change.pending().orElse(sw.before());
            System.out.println("Cancelled: " + now.describe() + "; search keeps using " + now.from()
                    + " until it is done. To resume, run: quarry embed " + dir);
            return 3;
        }
    }
}
