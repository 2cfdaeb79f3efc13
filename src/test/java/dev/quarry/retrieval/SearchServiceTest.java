package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search end to end with the real model: embed job, both indexes, fusion, filters, offsets. */
class SearchServiceTest {

    static Matter matter(Path tmp) {
        Matter m = TestMatters.create(tmp);
        TestMatters.addDocument(m, "employment.txt", "Smith", "EMP-001",
                "The employee shall not work for a competitor for two years after leaving the company.",
                "Salary is paid on the last business day of each month.");
        TestMatters.addDocument(m, "supply.txt", "Jones", "SUP-001",
                "Either party may end this agreement with ninety days written notice.",
                "The supplier warrants that the goods are free from defects.");
        return m;
    }

    @Test
    void denseFindsMeaningKeywordFindsWordsHybridFusesBoth(@TempDir Path tmp) {
        try (Matter m = matter(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());

            List<SearchHit> dense = r.search("non-compete restriction", SearchService.Mode.DENSE, 1, SearchFilter.NONE);
            assertThat(dense.get(0).chunkId()).isEqualTo(1L);
            assertThat(dense.get(0).denseScore()).isEqualTo(dense.get(0).score());
            assertThat(dense.get(0).keywordScore()).isNull();

            List<SearchHit> keyword = r.search("warrants", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE);
            assertThat(keyword).extracting(SearchHit::chunkId).containsExactly(4L);
            assertThat(keyword.get(0).snippet()).contains("<b>warrants</b>");
            // A reader of whole passages (Q&A) can skip the highlighting; the ranking is the same.
            List<SearchHit> plain = r.search("warrants", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE, false);
            assertThat(plain).extracting(SearchHit::chunkId).containsExactly(4L);
            assertThat(plain.get(0).snippet()).isNull();

            List<SearchHit> hybrid = r.search("termination notice period", SearchService.Mode.HYBRID, 4, SearchFilter.NONE);
            assertThat(hybrid.get(0).chunkId()).isEqualTo(3L);
            assertThat(hybrid.get(0).denseRank()).isNotNull();
            assertThat(hybrid.get(0).keywordRank()).isNotNull();
            // First in both lists, in the best document: fused 2/61, plus the document prior's full lift, plus
            // first place in the best document's own ranking.
            assertThat(hybrid.get(0).score()).isCloseTo((1.0 / 61 + 1.0 / 61) * (1 + SearchService.DOCUMENT_WEIGHT)
                    + SearchService.WITHIN_DOCUMENT_WEIGHT / 61, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /**
     * A question naming a contract repeats its name and parties, which its running header puts in every chunk: the
     * first hits are the two places that answer, ranked by the words rare within that contract, not the preamble
     * that holds the name most often (with {@code -Dquarry.search.within_document_weight=0} the preamble wins).
     */
    @Test
    void aQuestionNamingOneContractGetsThePlacesThatAnswerNotItsPreamble(@TempDir Path tmp) {
        try (Matter m = TestMatters.create(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            String head = "Master Supply Agreement, Reynolds Consumer Products and Pactiv LLC. ";
            long supply = TestMatters.addDocument(m, "reynolds.txt", null, null,
                    "MASTER SUPPLY AGREEMENT. This Master Supply Agreement is made between Reynolds Consumer Products LLC "
                            + "(Reynolds) and Pactiv LLC (Pactiv). Reynolds Consumer Products and Pactiv agree to this Master Supply Agreement.",
                    head + "1. Products. Pactiv shall supply the products listed in Exhibit A to Reynolds Consumer Products.",
                    head + "2. Prices. The prices are set out in Exhibit B and are reviewed each year by Reynolds and Pactiv.",
                    head + "3. Control. If Pactiv undergoes a change of control, Reynolds may terminate this Agreement on notice.",
                    head + "4. Insurance. Pactiv shall keep product liability insurance of at least five million dollars.",
                    head + "5. Assignment. A change of control of Pactiv is an assignment of this Agreement for this section.",
                    head + "6. Notices. Notices to Reynolds Consumer Products or to Pactiv go to the addresses in Exhibit C.");
            TestMatters.addDocument(m, "other.txt", null, null,
                    "DISTRIBUTION AGREEMENT between Acme Corp and Beta Inc. Beta distributes Acme products in Ohio.",
                    "Either party may terminate this Distribution Agreement after a change of control of the other.");
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            List<SearchHit> hits = r.search("Consider the Master Supply Agreement between Reynolds Consumer Products and Pactiv LLC; "
                    + "what happens on a change of control?", SearchService.Mode.HYBRID, 4, SearchFilter.NONE);
            assertThat(hits.subList(0, 2)).allSatisfy(h -> assertThat(h.documentId()).isEqualTo(supply));
            assertThat(hits.subList(0, 2)).extracting(SearchHit::page).containsExactlyInAnyOrder(4, 6);
            List<Long> within = r.keywords().withinDocument("Reynolds Pactiv change of control", supply);
            assertThat(within).as("the names every chunk holds weigh next to nothing").hasSize(7);
            assertThat(within.subList(0, 2)).containsExactlyInAnyOrder(hits.get(0).chunkId(), hits.get(1).chunkId());
            assertThat(r.keywords().withinDocument("Exhibit", supply)).as("chunks without a query word are left out").hasSize(3);
        }
    }

    @Test
    void hybridRanksTheSameWithBm25OnAnotherThreadAndPassesOnItsFailure(@TempDir Path tmp) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Matter m = matter(tmp.resolve("m")); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            ChunkStore store = new ChunkStore(m.db());
            SearchService oneByOne = new SearchService(store, r.queryEmbedder(), r.vectors(), r.keywords());
            SearchService overlapped = new SearchService(store, r.queryEmbedder(), r.vectors(), r.keywords(), pool);
            for (String q : List.of("termination notice period", "salary", "are the goods free from defects?")) {
                assertThat(overlapped.search(q, SearchService.Mode.HYBRID, 4, SearchFilter.NONE))
                        .isEqualTo(oneByOne.search(q, SearchService.Mode.HYBRID, 4, SearchFilter.NONE));
            }
            KeywordIndex closed = KeywordIndex.open(store, tmp.resolve("closed-keyword-index"));
            closed.close();
            SearchService broken = new SearchService(store, r.queryEmbedder(), r.vectors(), closed, pool);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.search("salary", SearchService.Mode.HYBRID, 4, SearchFilter.NONE))
                    .isInstanceOf(org.apache.lucene.store.AlreadyClosedException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChunkTheKeywordIndexHasNotCaughtUpWithStillGetsItsDocumentsPrior(@TempDir Path tmp) {
        try (Matter m = matter(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            // Stored and embedded, but not yet in the keyword index.
            String text = "The landlord shall repair the roof within thirty days.";
            long doc = TestMatters.addDocument(m, "lease.txt", null, null, text);
            long chunk = new DocumentRepository(m.db()).chunks(doc).get(0).id();
            new EmbeddingRepository(m.db()).insert(ModelManifest.DEFAULT_ID, List.of(new EmbeddingRepository.NewVector(
                    chunk, dev.quarry.core.Hashing.sha256(text), r.embedder().embedPassage(text))));
            r.vectors().catchUp();
            assertThat(r.keywords().documentsOf(List.of(chunk))).isEmpty();

            SearchHit hit = r.search("roof repairs by the landlord", SearchService.Mode.HYBRID, 5, SearchFilter.NONE).stream()
                    .filter(h -> h.chunkId() == chunk).findFirst().orElseThrow();
            assertThat(hit.documentId()).isEqualTo(doc);
            assertThat(hit.keywordRank()).isNull();
            // Its document's best chunk is itself: the prior lifts it above its bare RRF share.
            assertThat(hit.score()).isGreaterThan(1.0 / (SearchService.RRF_K + hit.denseRank()));
        }
    }

    @Test
    void theDocumentPriorRanksTheBestDocumentsPassagesAboveLookAlikesAndKeepsTheFirstHit() {
        // Fused scores: document 1 holds the best chunk (10) and a middling one (11); document 2 holds a
        // chunk (20) that fused slightly above 11 on its own; a deleted chunk (30) has no document.
        Map<Long, double[]> fused = new java.util.LinkedHashMap<>();
        fused.put(10L, new double[] {0.030, 0, 0, 0, 0});
        fused.put(20L, new double[] {0.020, 0, 0, 0, 0});
        fused.put(11L, new double[] {0.019, 0, 0, 0, 0});
        fused.put(30L, new double[] {0.025, 0, 0, 0, 0});
        SearchService.addDocumentPrior(fused, Map.of(10L, 1L, 11L, 1L, 20L, 2L));
        double lift = SearchService.DOCUMENT_WEIGHT * 2.0 / 61;
        assertThat(fused.get(10L)[0]).isCloseTo(0.030 + lift, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fused.get(11L)[0]).isCloseTo(0.019 + lift, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fused.get(20L)[0]).isCloseTo(0.020 + lift * 0.020 / 0.030, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fused.get(30L)[0]).isEqualTo(0.025);
        assertThat(fused.get(11L)[0]).isGreaterThan(fused.get(20L)[0]);
        assertThat(fused.get(10L)[0]).isGreaterThan(fused.get(11L)[0]);
    }

    @Test
    void resultsCarryPageBatesAndTheSpanInTheFullText(@TempDir Path tmp) {
        try (Matter m = matter(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            SearchHit h = r.search("salary", SearchService.Mode.HYBRID, 1, SearchFilter.NONE).get(0);

            String full = new DocumentRepository(m.db()).fullText(h.documentId());
            assertThat(h.page()).isEqualTo(2);
            assertThat(h.fileName()).isEqualTo("employment.txt");
            assertThat(full.substring((int) h.startChar(), (int) h.endChar())).isEqualTo(h.text());
            assertThat(h.startChar()).isEqualTo(full.indexOf('\f') + 1);
        }
    }

    @Test
    void filtersApplyToDenseAndKeywordAlike(@TempDir Path tmp) {
        try (Matter m = matter(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            SearchFilter jones = new SearchFilter(null, "jones", null, null, null, null);
            for (SearchService.Mode mode : SearchService.Mode.values()) {
                assertThat(r.search("employee competitor the", mode, 10, jones))
                        .allSatisfy(h -> assertThat(h.fileName()).isEqualTo("supply.txt"));
            }
            SearchFilter doc1 = new SearchFilter(Set.of(1L), null, null, null, null, null);
            assertThat(r.search("goods defects", SearchService.Mode.DENSE, 10, doc1)).extracting(SearchHit::documentId).containsOnly(1L);
        }
    }

    @Test
    void aDeletedDocumentNeverComesBackInAnyMode(@TempDir Path tmp) {
        try (Matter m = matter(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
            TestMatters.deleteDocument(m, 2);
            for (SearchService.Mode mode : SearchService.Mode.values()) {
                assertThat(r.search("supplier notice goods", mode, 10, SearchFilter.NONE))
                        .extracting(SearchHit::documentId).doesNotContain(2L);
            }
            assertThat(r.search("supplier notice goods", SearchService.Mode.DENSE, 10, SearchFilter.NONE)).hasSize(2);
        }
    }

    @Test
    void theKeywordPartSaysWhenItMatchesNothingOrCannotBeReadInBothModes(@TempDir Path tmp) {
        try (Matter m = matter(tmp); Retrieval r = new Retrieval(m, ModelManifest.load(ModelManifest.DEFAULT_ID))) {
            r.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());

            SearchResult none = r.find("xylophon*", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE);
            assertThat(none.hits()).isEmpty();
            assertThat(none.notice()).isEqualTo(SearchResult.Notice.KEYWORDS_MATCH_NOTHING);
            assertThat(none.noticeText()).isEqualTo("No passage contains these keywords.");
            // Hybrid does not quietly become meaning-only: its hits come, and it says where from.
            SearchResult meaningOnly = r.find("xylophon*", SearchService.Mode.HYBRID, 5, SearchFilter.NONE);
            assertThat(meaningOnly.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.keywordRank()).isNull());
            assertThat(meaningOnly.notice()).isEqualTo(SearchResult.Notice.KEYWORDS_MATCH_NOTHING);
            assertThat(meaningOnly.noticeText()).isEqualTo("No passage contains the keywords; these hits match by meaning only.");

            // Text that is not valid syntax: hybrid searches its words and says so; keyword mode refuses in one sentence.
            SearchResult asWords = r.find("competitor AND (salary", SearchService.Mode.HYBRID, 5, SearchFilter.NONE);
            assertThat(asWords.notice()).isEqualTo(SearchResult.Notice.KEYWORDS_READ_AS_WORDS);
            assertThat(asWords.noticeText()).isEqualTo("The keywords could not be read as search syntax (a parenthesis is not closed),"
                    + " so their words were searched as plain words.");
            assertThat(asWords.hits()).anySatisfy(h -> assertThat(h.keywordRank()).isNotNull());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.find("competitor AND (salary", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE))
                    .isInstanceOf(KeywordSyntaxException.class)
                    .hasMessage("The keyword search could not be read: a parenthesis is not closed.");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.find("\"notice period", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE))
                    .hasMessageEndingWith("could not be read: a quotation mark is not closed.");

            // Keywords that match say nothing; meaning alone has no keyword part to speak of.
            assertThat(r.find("salary", SearchService.Mode.HYBRID, 5, SearchFilter.NONE).notice()).isEqualTo(SearchResult.Notice.NONE);
            assertThat(r.find("competit*", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE).notice()).isEqualTo(SearchResult.Notice.NONE);
            assertThat(r.find("xylophon*", SearchService.Mode.DENSE, 5, SearchFilter.NONE).notice()).isEqualTo(SearchResult.Notice.NONE);
            // Measurement and Q&A keep reading a question's stray syntax as words, in every mode.
            assertThat(r.search("competitor AND (salary", SearchService.Mode.KEYWORD, 5, SearchFilter.NONE)).isNotEmpty();
        }
    }
}
