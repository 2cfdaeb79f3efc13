package dev.quarry.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.deficiency.DeficiencyScore;
import dev.quarry.deficiency.DeficiencyService;
import dev.quarry.deficiency.model.Report;
import dev.quarry.evidence.Evidence;
import dev.quarry.retrieval.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code eval deficiency DIR SCENARIO_DIR}: imports a deficiency scenario's production and, as the known set,
 * every CUAD contract of the labels file its gold names (import dedupes, so a second run on the same matter
 * only adds sources), runs the analysis offline and scores it against gold.json.
 */
public final class DeficiencyEval {
    /** The known set's production name. */
    public static final String KNOWN = "cuad-dev";

    private DeficiencyEval() {}

    public static Map<String, Object> run(Path dir, Path scenario, Path corpusCuad, CancelToken cancel, java.util.function.Consumer<String> log) {
        JsonNode gold;
        try {
            gold = Json.MAPPER.readTree(scenario.resolve("gold.json").toFile());
        } catch (IOException e) {
            throw new QuarryException("Could not read " + scenario.resolve("gold.json") + ".", e);
        }
        Path cuad = corpusCuad != null ? corpusCuad : scenario.toAbsolutePath().getParent().getParent().resolve("cuad");
        String labels = gold.path("scenario").path("labels_file").asText("labels-dev.jsonl");
        List<Path> known = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(cuad.resolve(labels))) {
                if (line.isBlank()) continue;
                known.add(cuad.resolve(Json.MAPPER.readTree(line).path("txt").asText()));
            }
        } catch (IOException e) {
            throw new QuarryException("Could not read the labels file " + cuad.resolve(labels) + ".", e);
        }
        Matter matter = Files.isRegularFile(dir.resolve("matter.json")) ? Matter.open(dir, null)
                : Matter.create(dir, dir.getFileName().toString(), null, ModelManifest.DEFAULT_ID);
        String production = scenario.getFileName().toString();
        Map<String, Object> out = new LinkedHashMap<>();
        try (MatterSession s = new MatterSession(matter)) {
            long t0 = System.nanoTime();
            log.accept("Importing the production of " + production + " and " + known.size() + " known contracts");
            importAll(s, List.of(scenario.resolve("production")), production, cancel);
            importAll(s, known, KNOWN, cancel);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            Path rfp = pick(scenario, "rfp"), responses = pick(scenario, "responses");
            log.accept("Analysing");
            long t1 = System.nanoTime();
            Report r = s.deficiency(null).analyze(new DeficiencyService.Request(rfp, responses, production, List.of(KNOWN),
                    Evidence.Mode.OFFLINE), cancel, (what, d, t) -> {});
            double seconds = (System.nanoTime() - t1) / 1e9;
            out.put("scenario", scenario.toString());
            out.put("requests_file", rfp.getFileName().toString());
            out.put("responses_file", responses.getFileName().toString());
            out.put("report_id", r.reportId());
            out.put("documents_produced", r.summary().get("documents_produced"));
            out.put("documents_known", r.summary().get("documents_known"));
            out.put("import_seconds", Math.round(importSeconds * 10) / 10.0);
            out.put("analysis_seconds", Math.round(seconds * 10) / 10.0);
            out.putAll(DeficiencyScore.score(r, gold));
        }
        return out;
    }

    /** The scenario's DOCX when it has one, else its PDF. */
    private static Path pick(Path scenario, String base) {
        Path docx = scenario.resolve(base + ".docx");
        if (Files.isRegularFile(docx)) return docx;
        Path pdf = scenario.resolve(base + ".pdf");
        if (Files.isRegularFile(pdf)) return pdf;
        throw new QuarryException("The scenario has no " + base + ".docx or " + base + ".pdf.");
    }

    /** Imports and embeds, as {@code quarry import} does: embedding runs beside parsing. */
    static void importAll(MatterSession s, List<Path> paths, String production, CancelToken cancel) {
        AtomicBoolean importing = new AtomicBoolean(true);
        CompletableFuture<?> searchable = CompletableFuture.supplyAsync(() -> s.retrieval().makeSearchable(importing::get, ProgressListener.NONE, cancel));
        try {
            for (long job : s.imports().resumableJobs()) s.imports().run(job, ProgressListener.NONE, cancel);
            long job = s.imports().plan(paths, production);
            s.imports().run(job, ProgressListener.NONE, cancel);
        } finally {
            importing.set(false);
        }
        searchable.join();
    }
}
