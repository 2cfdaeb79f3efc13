package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code embed --model X} interrupted part-way must leave the matter answering with its
 * complete model, say how far the switch got, resume, and flip only when X has every chunk. Real
 * ONNX models: bge-small-en-v1.5-q to all-minilm-l6-v2.
 */
class ModelSwitchTest {
    static final String FROM = "bge-small-en-v1.5-q", TO = "all-minilm-l6-v2";
    static final int CHUNKS = 40;

    @Test
    void anInterruptedSwitchKeepsTheCompleteModelAndAResumedOneFlipsAtOnce(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            TestMatters.addDocument(m, "contract.txt", null, null, EmbeddingServiceTest.pages("Payment", CHUNKS));
            try (Retrieval r = new Retrieval(m, ModelManifest.load(FROM))) {
                assertThat(r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken()).status())
                        .isEqualTo(JobStatus.COMPLETED);
            }
            ModelSwitch change = new ModelSwitch(m);
            assertThat(change.pending()).isEmpty();
            assertThat(change.start(TO)).isTrue();
            assertThat(m.settings().get(Settings.EMBEDDING_MODEL)).as("the setting is not flipped up front").isEqualTo(FROM);
            assertThat(change.pending().orElseThrow().describe()).isEqualTo("re-embed to " + TO + " pending: 0 of 40 chunks");

            // Ctrl-C after the first batch of 32.
            CancelToken cancel = new CancelToken();
            ModelSwitch.Result cut = change.run(p -> { if (p.itemsDone() >= 10) cancel.cancel(); }, cancel).orElseThrow();
            assertThat(cut.switched()).isFalse();
            assertThat(m.settings().get(Settings.EMBEDDING_MODEL)).isEqualTo(FROM);
            ModelSwitch.Pending half = change.pending().orElseThrow();
            assertThat(half.embedded()).isBetween(1L, CHUNKS - 1L);
            assertThat(half.describe()).isEqualTo("re-embed to " + TO + " pending: " + half.embedded() + " of 40 chunks");

            // The matter still answers over every chunk, with the complete model.
            assertThat(denseHits(m)).hasSize(CHUNKS);

            // Resumed: the rest is embedded, the index built, the matter switched in one flip.
            ModelSwitch.Result done = change.run(ProgressListener.NONE, new CancelToken()).orElseThrow();
            assertThat(done.switched()).isTrue();
            assertThat(done.embedding().embedded() + done.embedding().reused()).isEqualTo(CHUNKS - half.embedded());
            assertThat(m.settings().get(Settings.EMBEDDING_MODEL)).isEqualTo(TO);
            assertThat(m.settings().find(Settings.EMBEDDING_MODEL_PENDING)).isEmpty();
            assertThat(change.pending()).isEmpty();
            assertThat(Files.exists(m.indexDir().resolve("vectors-" + TO + ".hnsw"))).as("index built before the flip").isTrue();
            assertThat(denseHits(m)).hasSize(CHUNKS);
            assertThat(m.audit().list("embedding.model_changed", 5, 0)).singleElement()
                    .satisfies(e -> assertThat(e.details()).containsEntry("from", FROM).containsEntry("to", TO));
            assertThat(change.run(ProgressListener.NONE, new CancelToken())).as("nothing left to switch").isEmpty();
        }
    }

    @Test
    void switchingBackToTheModelInUseAbandonsThePendingSwitch(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            ModelSwitch change = new ModelSwitch(m);
            assertThat(change.start(TO)).isTrue();
            assertThat(change.start(FROM)).isFalse();
            assertThat(change.pending()).isEmpty();
            assertThat(m.settings().get(Settings.EMBEDDING_MODEL)).isEqualTo(FROM);
            assertThat(m.audit().list("embedding.switch_abandoned", 5, 0)).hasSize(1);
        }
    }

    /** A dense search for every chunk, with the model the matter says it uses (what a new session opens). */
    private static List<SearchHit> denseHits(Matter m) {
        try (Retrieval r = new Retrieval(m, ModelManifest.load(m.settings().get(Settings.EMBEDDING_MODEL)))) {
            return r.search("payment within thirty days", SearchService.Mode.DENSE, 100, SearchFilter.NONE);
        }
    }
}
