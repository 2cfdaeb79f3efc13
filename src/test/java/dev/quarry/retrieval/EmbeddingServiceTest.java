package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingServiceTest {
    static Embedder bge;

    @BeforeAll
    static void load() {
        bge = new Embedder(ModelManifest.load("bge-small-en-v1.5-q"), 2);
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    static String[] pages(String prefix, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = prefix + " clause number " + i + " about payment within thirty days.";
        return out;
    }

    @Test
    void embedsEveryChunkOnceAndReusesVectorsOfIdenticalText(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            TestMatters.addDocument(m, "a.txt", null, null, "The supplier shall deliver the goods.", "Governing law is Delaware.");
            TestMatters.addDocument(m, "b.txt", null, null, "Governing law is Delaware.", "Notices go to the address above.");
            EmbeddingService service = new EmbeddingService(m, bge);

            EmbeddingService.Report r = service.run(ProgressListener.NONE, new CancelToken());

            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.embedded()).isEqualTo(3);
            assertThat(r.reused()).isEqualTo(1);
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            assertThat(repo.count(bge.modelId())).isEqualTo(4);
            List<float[]> stored = new ArrayList<>();
            repo.forEach(bge.modelId(), 0, v -> stored.add(v.vector()));
            assertThat(stored.get(0)).containsExactly(bge.embedPassage("The supplier shall deliver the goods."));
            assertThat(service.run(ProgressListener.NONE, new CancelToken()).embedded()).isZero();
        }
    }

    /**
     * Issue 11: Activity listed embed jobs as "0 of 0": the job never recorded its counts, and every run
     * with nothing to embed (an import of duplicates, a second `quarry embed`) left one more such row.
     */
    @Test
    void theJobRecordsItsCountsAndARunWithNothingToEmbedLeavesNoJob(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            TestMatters.addDocument(m, "a.txt", null, null, "The supplier shall deliver the goods.", "Governing law is Delaware.",
                    "Governing law is Delaware.");
            EmbeddingService service = new EmbeddingService(m, bge);
            dev.quarry.core.jobs.JobRepository jobs = new dev.quarry.core.jobs.JobRepository(m.db());

            EmbeddingService.Report first = service.run(ProgressListener.NONE, new CancelToken());
            dev.quarry.core.jobs.JobRecord job = jobs.find(first.jobId()).orElseThrow();
            assertThat(job.itemsTotal()).isEqualTo(3);
            assertThat(job.itemsDone()).isEqualTo(3);

            EmbeddingService.Report again = service.run(ProgressListener.NONE, new CancelToken());
            assertThat(again.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(again.embedded() + again.reused()).isZero();
            assertThat(jobs.recent(10)).extracting(dev.quarry.core.jobs.JobRecord::id).containsExactly(first.jobId());
        }
    }

    @Test
    void aCancelledJobResumesWithoutEmbeddingAnythingTwice(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp)) {
            TestMatters.addDocument(m, "big.txt", null, null, pages("Alpha", 70));
            CancelToken cancel = new CancelToken();
            EmbeddingService service = new EmbeddingService(m, bge);

            EmbeddingService.Report first = service.run(p -> cancel.cancel(), cancel);
            EmbeddingService.Report second = service.run(ProgressListener.NONE, new CancelToken());

            assertThat(first.status()).isEqualTo(JobStatus.INTERRUPTED);
            assertThat(first.embedded()).isEqualTo(32);
            assertThat(second.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(second.jobId()).isEqualTo(first.jobId());
            assertThat(first.embedded() + second.embedded()).isEqualTo(70);
        }
    }

    @Test
    void vectorsOfAnotherModelDoNotCountAsEmbedded(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp);
             Embedder minilm = new Embedder(ModelManifest.load("all-minilm-l6-v2"), 2)) {
            TestMatters.addDocument(m, "a.txt", null, null, "Confidential information excludes public data.");
            new EmbeddingService(m, bge).run(ProgressListener.NONE, new CancelToken());
            EmbeddingRepository repo = new EmbeddingRepository(m.db());
            assertThat(repo.countPending(minilm.modelId())).isEqualTo(1);

            new EmbeddingService(m, minilm).run(ProgressListener.NONE, new CancelToken());

            assertThat(repo.count(bge.modelId())).isEqualTo(1);
            assertThat(repo.count(minilm.modelId())).isEqualTo(1);
        }
    }
}
