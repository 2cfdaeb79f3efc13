package dev.quarry.retrieval;

import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Switching a matter to another embedding model without ever searching a half-embedded one.
 *
 * <p>{@link #start} records the new model as pending ({@code embedding.model_pending}); the matter's
 * model ({@code embedding.model}) stays what it was, so search and Q&amp;A keep using the model that
 * has a vector for every chunk. {@link #run} embeds the chunks with the new model beside the old
 * vectors (the {@code embeddings} table is per model), resumably: an interrupted run leaves the
 * pending model's vectors stored and the next run continues. Only when the new model covers every
 * chunk is its vector index built and saved, and then the two settings change in one transaction:
 * the switch is one flip, and a search sees either the old model complete or the new one complete.
 *
 * <p>Issue 11: the first version changed the setting first and re-embedded after; interrupted at 384
 * of 5,390 chunks it left dense search on the new model over 7 % of the matter, silently.
 */
public final class ModelSwitch {
    private final Matter matter;
    private final EmbeddingRepository vectors;

    public ModelSwitch(Matter matter) {
        this.matter = matter;
        this.vectors = new EmbeddingRepository(matter.db());
    }

    /** A switch under way: how many of the matter's chunks the new model has a vector for. */
    public record Pending(String from, String to, long embedded, long chunks) {
        /** "re-embed to all-minilm-l6-v2 pending: 384 of 5390 chunks" */
        public String describe() {
            return "re-embed to " + to + " pending: " + embedded + " of " + chunks + " chunks";
        }

        /** The JSON form shown by {@code matter info} and {@code search --json}. */
        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", to);
            m.put("embedded", embedded);
            m.put("chunks", chunks);
            m.put("searching_with", from);
            return m;
        }
    }

    /** The outcome of {@link #run}: whether the matter now uses the new model. */
    public record Result(Pending before, boolean switched, EmbeddingService.Report embedding) {}

    public String activeModel() {
        return matter.settings().get(Settings.EMBEDDING_MODEL);
    }

    /** The switch under way, if any, with its progress counted now. */
    public Optional<Pending> pending() {
        Optional<String> to = matter.settings().find(Settings.EMBEDDING_MODEL_PENDING);
        if (to.isEmpty()) return Optional.empty();
        long chunks = new ChunkStore(matter.db()).countChunks();
        long missing = vectors.countPending(to.get());
        return Optional.of(new Pending(activeModel(), to.get(), chunks - missing, chunks));
    }

    /**
     * Records a switch to {@code model} (checked to be installed). Switching to the model in use cancels
     * a pending switch; its vectors stay stored, so switching to it again later reuses them.
     * @return false when there is nothing to switch (already the matter's model)
     */
    public boolean start(String model) {
        ModelManifest.load(model).verify();
        String active = activeModel();
        Optional<String> before = matter.settings().find(Settings.EMBEDDING_MODEL_PENDING);
        if (model.equals(active)) {
            if (before.isPresent()) {
                matter.settings().remove(Settings.EMBEDDING_MODEL_PENDING);
                matter.audit().record("embedding.switch_abandoned", "matter", matter.id(), Map.of("model", before.get(), "kept", active));
            }
            return false;
        }
        if (before.isEmpty() || !before.get().equals(model)) {
            matter.settings().put(Settings.EMBEDDING_MODEL_PENDING, model);
            matter.audit().record("embedding.switch_started", "matter", matter.id(), Map.of("from", active, "to", model));
        }
        return true;
    }

    /**
     * Embeds every chunk the pending model lacks, then (all covered) builds its vector index and flips
     * the matter to it. Cancelled, it stops with the old model still in use; run it again to resume.
     */
    public Optional<Result> run(ProgressListener listener, CancelToken cancel) {
        Optional<Pending> before = pending();
        if (before.isEmpty()) return Optional.empty();
        String to = before.get().to();
        EmbeddingService.Report report;
        try (Embedder embedder = new Embedder(ModelManifest.load(to), Embedder.defaultThreads())) {
            report = new EmbeddingService(matter, embedder).run(listener, cancel);
        }
        if (report.status() != JobStatus.COMPLETED || cancel.isCancelled() || vectors.countPending(to) > 0) {
            return Optional.of(new Result(before.get(), false, report));
        }
        // The index first: the first search after the flip loads it instead of building it.
        VectorIndex index = VectorIndex.open(vectors, to, matter.indexDir());
        if (!index.isSaved()) index.save();
        matter.settings().putAndRemove(Settings.EMBEDDING_MODEL, to, Settings.EMBEDDING_MODEL_PENDING);
        matter.audit().record("embedding.model_changed", "matter", matter.id(),
                Map.of("from", before.get().from(), "to", to, "chunks", before.get().chunks()));
        return Optional.of(new Result(before.get(), true, report));
    }
}
