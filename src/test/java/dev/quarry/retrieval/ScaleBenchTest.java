package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.retrieval.bench.ScaleBench;
import dev.quarry.retrieval.bench.SearchBench;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark's growth step and the search benchmark, on a small matter with the real model. */
class ScaleBenchTest {

    @Test
    void growsByWholeDocumentCopiesWithNearbyVectorsAndSearchStillWorks(@TempDir Path tmp) {
        String model = ModelManifest.DEFAULT_ID;
        try (Matter m = SearchServiceTest.matter(tmp)) {
            try (Retrieval r = new Retrieval(m, ModelManifest.load(model))) {
                r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            }
            List<String> lines = new ArrayList<>();
            // 4 chunks in 2 documents of 2: one full copy (8), then only the first document again (10).
            ScaleBench.Grown g = ScaleBench.grow(m, model, 10, 0.5, lines::add);
            assertThat(g.chunksBefore()).isEqualTo(4);
            assertThat(g.chunksAfter()).isEqualTo(10);
            assertThat(g.copies()).isEqualTo(2);
            assertThat(lines).hasSize(2);
            assertThat(count(m, "SELECT COUNT(*) FROM documents")).isEqualTo(5);
            assertThat(count(m, "SELECT COUNT(*) FROM embeddings")).isEqualTo(10);
            assertThat(count(m, "SELECT COUNT(*) FROM documents WHERE file_name = 'employment.txt (copy 2)'")).isEqualTo(1);
            assertThat(count(m, "SELECT COUNT(*) FROM documents WHERE file_name = 'supply.txt (copy 2)'")).isZero();
            // A copy holds the same text; its vector is near the original's, not equal to it.
            assertThat(count(m, "SELECT COUNT(*) FROM chunks c JOIN chunks o ON o.text = c.text AND o.id <> c.id")).isEqualTo(16);
            EmbeddingRepository vectors = new EmbeddingRepository(m.db());
            Map<Long, float[]> v = vectors.vectors(model, List.of(1L, 1L + 5L)); // chunk stride is max id + 1 = 5
            double cos = Vectors.cosine(v.get(1L), v.get(6L));
            assertThat(cos).isBetween(0.8, 0.97);
            // Ids allocated after the explicit copies do not collide with them.
            long next = TestMatters.addDocument(m, "late.txt", null, null, "A document imported after growing.");
            assertThat(next).isGreaterThan(5);

            try (Retrieval r = new Retrieval(m, ModelManifest.load(model))) {
                r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
                assertThat(r.search("warrants", SearchService.Mode.KEYWORD, 10, SearchFilter.NONE))
                        .extracting(SearchHit::fileName).containsExactlyInAnyOrder("supply.txt", "supply.txt (copy 1)");
                List<SearchHit> hybrid = r.search("supplier warrants goods", SearchService.Mode.HYBRID, 5, SearchFilter.NONE);
                // Snippets are highlighted for the shown hits that BM25 matched, and only for those.
                assertThat(hybrid).allSatisfy(h -> {
                    if (h.keywordRank() != null) assertThat(h.snippet()).contains("<b>");
                    else assertThat(h.snippet()).isNull();
                });
            }

            Map<String, Object> out = SearchBench.run(m, ModelManifest.load(model),
                    List.of("notice to end the agreement", "defective goods", "salary payment date"), List.of("competitor"),
                    List.of(SearchService.Mode.HYBRID, SearchService.Mode.KEYWORD), 3, 2, List.of(1, 2), SearchBench.COMPARISONS);
            assertThat(out).containsEntry("vector_index_items", 11).containsEntry("queries", 3).containsKeys("hybrid", "keyword",
                    "hybrid_parts_sequential", "heap_vector_index_mb").doesNotContainKey("dense");
            @SuppressWarnings("unchecked")
            Map<String, Object> hybrid = (Map<String, Object>) out.get("hybrid");
            assertThat((double) hybrid.get("p95_ms")).isGreaterThanOrEqualTo((double) hybrid.get("p50_ms")).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Object> recall = (Map<String, Object>) out.get("dense_recall_vs_exact");
            assertThat(recall).containsEntry("queries", 2).containsEntry("vectors", 11);
            // Each thread count searched every query, timed against the first count.
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> compared = (Map<String, Map<String, Object>>) out.get("query_threads_compared");
            assertThat(compared).containsOnlyKeys("threads_1", "threads_2");
            assertThat(compared.get("threads_1")).containsEntry("hybrid_p50_ratio", 1.0).containsKeys("query_embedding", "hybrid");
            assertThat((double) compared.get("threads_2").get("hybrid_p95_ratio")).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Object> overlap = (Map<String, Object>) out.get("overlap_compared");
            assertThat(overlap).containsKeys("hybrid_one_after_the_other", "hybrid_overlapped");
            assertThat((double) overlap.get("overlapped_p95_ratio")).isPositive();
            // 11 vectors: the graph finds them all.
            assertThat((Map<String, Object>) recall.get("ef_200")).containsEntry("recall_at_k", 1.0).containsEntry("recall_at_k_by_text", 1.0);
        }
    }

    @Test
    void refusesAMatterWhoseChunksAreNotAllEmbedded(@TempDir Path tmp) {
        try (Matter m = SearchServiceTest.matter(tmp)) {
            assertThatThrownBy(() -> ScaleBench.grow(m, ModelManifest.DEFAULT_ID, 100, 0.5, s -> {}))
                    .isInstanceOf(QuarryException.class).hasMessageContaining("0 of 4 chunks");
        }
    }

    private static long count(Matter m, String sql) {
        return m.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
