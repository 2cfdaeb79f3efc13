package dev.quarry.cli;

import static dev.quarry.cli.CliTest.quarry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.testing.BatesVolume;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs --bates}: any Bates number of a document's range finds it, with the page when the page is
 * known; the producer's original file name is {@code original_name}, filterable and shown in search hits.
 */
class DocsBatesCliTest {
    @TempDir
    static Path tmp;
    static Path matter;

    @BeforeAll
    static void importVolume() throws Exception {
        Path vol = BatesVolume.write(tmp.resolve("in"));
        matter = tmp.resolve("m");
        assertThat(quarry("matter", "create", matter.toString()).code()).isZero();
        CliTest.Run imported = quarry("import", matter.toString(), vol.toString(), "--keyword-only", "--quiet");
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    private static JsonNode json(CliTest.Run run) throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        return Json.MAPPER.readTree(run.out());
    }

    @Test
    void anInnerBatesNumberOfAnUnbrokenTextFindsItsDocumentWithoutAPage() throws Exception {
        JsonNode list = json(quarry("docs", matter.toString(), "--bates", "XYZ0000050", "--json"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("bates_begin").asText()).isEqualTo("XYZ0000008");
        assertThat(list.get(0).get("bates_end").asText()).isEqualTo("XYZ0000083");
        assertThat(list.get(0).get("original_name").asText()).isEqualTo(BatesVolume.NO_BREAK_ORIGINAL);
        assertThat(list.get(0).get("page").isNull()).as("the page of an unbroken text is not known").isTrue();
    }

    @Test
    void anInnerBatesNumberOfASplitTextFindsItsPage() throws Exception {
        JsonNode list = json(quarry("docs", matter.toString(), "--bates", "xyz0000006", "--json"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("bates_begin").asText()).isEqualTo("XYZ0000005");
        assertThat(list.get(0).get("page").asInt()).isEqualTo(2);
        assertThat(list.get(0).get("page_bates").asText()).isEqualTo("XYZ0000006");
    }

    @Test
    void aBatesNumberNothingHoldsExitsNonZeroWithOneSentence() {
        CliTest.Run run = quarry("docs", matter.toString(), "--bates", "XYZ0000999", "--json");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("quarry: No document in this matter holds Bates number XYZ0000999.");
        CliTest.Run notBates = quarry("docs", matter.toString(), "--bates", "lease");
        assertThat(notBates.code()).isEqualTo(1);
        assertThat(notBates.err().strip()).isEqualTo("quarry: \"lease\" is not a Bates number (a prefix and digits, like ABC0001234).");
    }

    @Test
    void everyDocumentCarriesItsOriginalNameAndTheListFiltersByIt() throws Exception {
        JsonNode all = json(quarry("docs", matter.toString(), "--json"));
        assertThat(all).hasSize(4);
        for (JsonNode d : all) assertThat(d.has("original_name")).isTrue();
        JsonNode lease = json(quarry("docs", matter.toString(), "--name", "office lease", "--json"));
        assertThat(lease).hasSize(1);
        assertThat(lease.get(0).get("original_name").asText()).isEqualTo("Office Lease 2019.txt");
        assertThat(lease.get(0).get("file_name").asText()).isEqualTo("XYZ0000005.txt");
        assertThat(quarry("docs", matter.toString()).out()).contains("Office Lease 2019.txt");
    }

    @Test
    void searchHitsCiteThePageBatesAndTheOriginalName() throws Exception {
        JsonNode hits = json(quarry("search", matter.toString(), "insure premises", "--mode", "keyword", "--json"));
        JsonNode h = hits.get(0);
        assertThat(h.get("page").asInt()).isEqualTo(2);
        assertThat(h.get("bates").asText()).isEqualTo("XYZ0000006");
        assertThat(h.get("original_name").asText()).isEqualTo("Office Lease 2019.txt");
        String text = quarry("search", matter.toString(), "insure premises", "--mode", "keyword").out();
        assertThat(text).contains("p.2 XYZ0000006").contains("Office Lease 2019.txt");

        JsonNode byName = json(quarry("search", matter.toString(), "original_name:upjohn", "--mode", "keyword", "--json"));
        assertThat(byName).isNotEmpty();
        assertThat(byName.get(0).get("original_name").asText()).isEqualTo(BatesVolume.NO_BREAK_ORIGINAL);
    }
}
