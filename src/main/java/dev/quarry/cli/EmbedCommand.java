package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.retrieval.EmbeddingService;
import dev.quarry.retrieval.ModelManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "embed", description = {
        "Embed every chunk that has no vector for the matter's model (resumes an interrupted embed job).",
        "--model switches the matter to another model and re-embeds: the old model's vectors stay but are no longer searched."})
final class EmbedCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--model", description = "Switch the matter to this model id first.") String model;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
    @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;

    @Override
    public Integer call() {
        Matter matter = Passwords.open(dir, passwordEnv);
        if (model != null) {
            ModelManifest.load(model).verify();
            String old = matter.settings().get(Settings.EMBEDDING_MODEL);
            matter.settings().put(Settings.EMBEDDING_MODEL, model);
            matter.audit().record("embedding.model_changed", "matter", matter.id(), java.util.Map.of("from", old, "to", model));
        }
        try (MatterSession s = new MatterSession(matter)) {
            CancelToken cancel = new CancelToken();
            Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
            EmbeddingService.Report r = s.retrieval().makeSearchable(() -> false,
                    quiet ? p -> {} : new ImportCommand.StderrProgress(), cancel);
            if (!quiet) System.err.println();
            System.out.printf("Embedding %s with %s: %d chunks embedded, %d reused in %.1f s%n", r.status().db(),
                    s.model().id(), r.embedded(), r.reused(), r.elapsed().toMillis() / 1000.0);
            return r.status() == dev.quarry.core.jobs.JobStatus.COMPLETED ? 0 : 3;
        }
    }
}
