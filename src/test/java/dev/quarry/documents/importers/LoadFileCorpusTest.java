package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageRecord;
import dev.quarry.testing.WordTokenCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The deficiency scenarios' production volumes: every produced document carries its gold Bates range and custodian. */
@Tag("corpus")
class LoadFileCorpusTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dev-federal", "dev-california"})
    void everyProducedDocumentCarriesItsBatesRangeAndCustodian(String scenario) throws IOException {
        Path base = Path.of(System.getProperty("quarry.corpus"), "deficiency", scenario);
        JsonNode production = Json.MAPPER.readTree(Files.readString(base.resolve("gold.json"))).get("production");

        try (Matter matter = Matter.create(dir.resolve("matter"), scenario, null, null)) {
            ImportService service = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 2);
            ImportService.Report report = service.run(service.plan(List.of(base.resolve("production")), null),
                    ProgressListener.NONE, new CancelToken());

            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            DocumentRepository docs = new DocumentRepository(matter.db());
            Map<String, DocumentSummary> byBates = docs.listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::batesBegin, Function.identity()));
            assertThat(byBates).hasSize(production.size());
            for (JsonNode p : production) {
                DocumentSummary d = byBates.get(p.get("begbates").asText());
                assertThat(d).as(p.get("begbates").asText()).isNotNull();
                assertThat(d.batesEnd()).isEqualTo(p.get("endbates").asText());
                assertThat(d.custodian()).isEqualTo(p.get("custodian").asText());
                if (p.get("source_format").asText().equals("txt")) {
                    // One unbroken text for many Bates pages: the page carries the whole range, not page one's number.
                    assertThat(docs.pages(d.id())).extracting(PageRecord::bates).containsExactly(
                            p.get("pages").asInt() == 1 ? p.get("begbates").asText()
                                    : p.get("begbates").asText() + "\u2013" + p.get("endbates").asText());
                }
            }
        }
    }
}
