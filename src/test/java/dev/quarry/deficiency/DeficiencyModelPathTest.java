package dev.quarry.deficiency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.Report;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportStore;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.chunk.ChunkSpec;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.EvidenceEngine;
import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import dev.quarry.retrieval.ModelManifest;
import dev.quarry.retrieval.Retrieval;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model path: the real evidence engine and gateway against a local server speaking OpenAI's protocol, failures included. */
class DeficiencyModelPathTest {
    @TempDir Path tmp;
    Matter matter;
    Retrieval retrieval;
    FakeLlmServer server;
    DocumentRepository docs;
    Path rfp, responses;

    @BeforeEach
    void setUp() throws Exception {
        matter = Matter.create(tmp.resolve("m"), "model-path", null, ModelManifest.DEFAULT_ID);
        retrieval = new Retrieval(matter, ModelManifest.load(ModelManifest.DEFAULT_ID));
        docs = new DocumentRepository(matter.db());
        ImportStore store = new ImportStore(matter.db());
        long vol = store.createProduction("VOL001", "load_file", "/prod");
        long client = store.createProduction("client", "files", "/client");
        add("a.txt", vol, "BOLT0000001", "This Distribution Agreement is dated as of March 3, 2017 between Bolt Industries LLC and Northwind.",
                "The Distributor shall not compete with the Supplier in the Territory during the term.",
                "This Agreement is governed by the laws of the State of New York.");
        add("c.txt", client, null, "This Supply Agreement is dated as of June 9, 2018 between Bolt Industries LLC and Contoso Ltd.",
                "Contoso shall not compete with Bolt in North America.", "Governed by the laws of the State of New York.");
        retrieval.makeSearchable(() -> false, ProgressListener.NONE, new CancelToken());
        rfp = DiscoveryDocs.docx(tmp.resolve("rfp.docx"), DiscoveryDocs.rfp(false));
        responses = DiscoveryDocs.docx(tmp.resolve("responses.docx"), DiscoveryDocs.responses(false));
        server = new FakeLlmServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
        retrieval.close();
        matter.close();
    }

    private void add(String name, long production, String bates, String... pages) {
        matter.db().inTransaction(t -> {
            String all = String.join("\f", pages);
            long id = docs.insert(t, new DocumentRepository.NewDocument(Hashing.sha256(name + all), name, "text/plain", all.length(),
                    production, null, DocumentStatus.COMPLETED, null, pages.length, pages.length, all.length(), "en", false, bates, bates,
                    null, null, null, Instant.now(), Map.of()));
            List<ParsedPage> ps = new ArrayList<>();
            List<ChunkSpec> cs = new ArrayList<>();
            for (int i = 0; i < pages.length; i++) {
                ps.add(ParsedPage.text(i + 1, pages[i]));
                cs.add(new ChunkSpec(i + 1, 0, pages[i].length(), pages[i], pages[i].split("\\s+").length));
            }
            long[] starts = docs.insertPages(t, id, ps);
            docs.insertChunks(t, id, cs, ps, starts);
            docs.insertSource(t, id, null, production, "/x/" + name, null, bates, bates, null, Map.of());
            return null;
        });
    }

    private DeficiencyService service() {
        LlmConfig c = new LlmConfig(LlmProvider.OPENAI, server.openAiBaseUrl(), "model-x", "sk-test")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new DeficiencyService(matter.db(), docs, new EvidenceEngine(matter, retrieval, LlmGateway.forMatter(matter, c)));
    }

    /** Answers as a model would, from the passages in the prompt. */
    static String model(String body) {
        if (body.contains("agreement_date")) {
            String d = body.contains("March 3, 2017") ? "March 3, 2017" : "June 9, 2018";
            return "{\"value\": \"" + d + "\", \"quote\": \"dated as of " + d + "\", \"source\": 1}";
        }
        if (body.contains("governing_law") && body.contains("State of New York")) {
            return "{\"value\": \"New York\", \"quote\": \"laws of the State of New York\", \"source\": 1}";
        }
        if (body.contains("compete") && body.contains("shall not compete")) {
            return "{\"value\": \"yes\", \"quote\": \"shall not compete\", \"source\": 1}";
        }
        return "{\"value\": null, \"quote\": \"\", \"source\": null}";
    }

    @Test
    void theModelDecidesThroughTheGatewayAndEveryCallIsAudited() {
        server.always(FakeLlmServer.answer(DeficiencyModelPathTest::model));
        Report r = service().analyze(new DeficiencyService.Request(rfp, responses, "VOL001", List.of("client"), Evidence.Mode.LLM), null, null);
        assertThat(server.received()).isNotEmpty();
        assertThat(matter.audit().list(LlmGateway.AUDIT_CALL, 1000, 0)).hasSameSizeAs(server.received());
        assertThat(r.requests().get(1).classification()).isEqualTo(Classification.PARTIALLY_PRODUCED);
        assertThat(r.requests().get(1).evidence()).singleElement().satisfies(e -> assertThat(e.bates()).isEqualTo("BOLT0000001"));
    }

    @Test
    void aFailingProviderLeavesTheOfflineAnswerAndTheAnalysisCompletes() {
        server.always(FakeLlmServer.status(500));
        Report r = service().analyze(new DeficiencyService.Request(rfp, responses, "VOL001", List.of("client"), Evidence.Mode.BOTH), null, null);
        assertThat(server.received()).isNotEmpty();
        assertThat(r.requests()).hasSize(3);
        assertThat(new DeficiencyRepository(matter.db()).report(r.reportId()).orElseThrow().status()).isEqualTo("completed");
    }
}
