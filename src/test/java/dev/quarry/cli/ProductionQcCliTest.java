package dev.quarry.cli;

import static dev.quarry.cli.CliTest.quarry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.testing.DamagedVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code production qc DIR NAME --json}: the fields the issue fixes, exports, and usage errors. */
class ProductionQcCliTest {
    @TempDir
    static Path tmp;
    static Path matter;

    @BeforeAll
    static void importDamaged() throws Exception {
        matter = tmp.resolve("m");
        assertThat(quarry("matter", "create", matter.toString()).code()).isZero();
        Path vol = DamagedVolume.writeVol001(tmp.resolve("in"));
        CliTest.Run imported = quarry("import", matter.toString(), vol.toString(), "--production", "VOL001", "--keyword-only", "--quiet");
        // Exit 1: the volume's missing native and empty file were not read (the import says so, and goes on).
        assertThat(imported.code()).as(imported.err()).isEqualTo(1);
        assertThat(imported.out()).contains("not read");
    }

    @Test
    void jsonHasTheProductionCountsAndFindings() throws Exception {
        CliTest.Run run = quarry("production", "qc", matter.toString(), "VOL001", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode r = Json.MAPPER.readTree(run.out());
        assertThat(r.get("production").asText()).isEqualTo("VOL001");
        assertThat(r.get("documents").asInt()).isEqualTo(12);
        assertThat(r.get("pages").asInt()).isEqualTo(17);
        Set<String> kinds = new HashSet<>();
        for (JsonNode f : r.get("findings")) {
            kinds.add(f.get("kind").asText());
            assertThat(f.has("bates_begin")).isTrue();
            assertThat(f.has("bates_end")).isTrue();
            assertThat(f.get("detail").asText()).isNotBlank();
        }
        // Alone in the matter, VOL001 has every kind (its duplicate is within the volume).
        assertThat(kinds).containsExactlyInAnyOrder("bates_gap", "bates_overlap", "duplicate_bates", "missing_file",
                "page_count_mismatch", "hash_mismatch", "no_text", "blank_field", "broken_family", "slip_sheet");
    }

    @Test
    void exportsAndListsAndSaysWhatIsWrong() throws Exception {
        Path csv = tmp.resolve("qc.csv");
        assertThat(quarry("production", "qc", matter.toString(), "VOL001", "--out", csv.toString()).code()).isZero();
        assertThat(Files.readString(csv)).contains("production,kind,bates_begin,bates_end,detail", "bates_gap");
        Path xlsx = tmp.resolve("findings.data");
        assertThat(quarry("production", "qc", matter.toString(), "VOL001", "--format", "xlsx", "--out", xlsx.toString()).code()).isZero();
        assertThat(Files.readAllBytes(xlsx)).startsWith(new byte[] {'P', 'K'});

        CliTest.Run list = quarry("production", "list", matter.toString(), "--json");
        assertThat(list.code()).isZero();
        JsonNode rows = Json.MAPPER.readTree(list.out());
        assertThat(rows.get(0).get("name").asText()).isEqualTo("VOL001");
        assertThat(rows.get(0).get("findings").asInt()).isPositive();

        CliTest.Run none = quarry("production", "qc", matter.toString(), "VOL009");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("There is no production \u201cVOL009\u201d");
        for (List<String> bad : List.of(List.of("--format", "pdf", "--out", "x.pdf"), List.of("--format", "csv"), List.of("--out", "x.txt"))) {
            String[] args = new java.util.ArrayList<>(List.of("production", "qc", matter.toString(), "VOL001")) {{ addAll(bad); }}.toArray(String[]::new);
            CliTest.Run r = quarry(args);
            assertThat(r.code()).as(bad.toString()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
        }
    }
}
