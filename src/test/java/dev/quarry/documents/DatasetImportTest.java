package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset file as one document per row: CSV, JSON Lines, a JSON array and Parquet. */
class DatasetImportTest {
    @TempDir Path tmp;

    private Map<String, Map<String, String>> importRows(Path file, String textCol, String idCol) {
        try (Matter m = Matter.create(tmp.resolve("m-" + file.getFileName() + "-" + System.nanoTime()), "rows", null, null)) {
            DatasetImport.Plan plan = new DatasetImport(m).plan(file, new DatasetImport.Options(textCol, idCol, null, null));
            ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 1);
            assertThat(svc.run(plan.jobId(), p -> {}, new CancelToken()).status()).isEqualTo(JobStatus.COMPLETED);
            DocumentRepository docs = new DocumentRepository(m.db());
            Map<String, Map<String, String>> out = new java.util.TreeMap<>();
            for (DocumentSummary d : docs.listAll()) {
                Map<String, String> fields = new java.util.TreeMap<>();
                fields.put("#status", d.status().db());
                fields.put("#text", d.status() == DocumentStatus.COMPLETED ? docs.fullText(d.id()).strip() : d.error());
                m.db().withConnection(c -> {
                    try (var ps = c.prepareStatement("SELECT fields FROM document_sources WHERE document_id = ?")) {
                        ps.setLong(1, d.id());
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) Json.readStringMap(rs.getString(1)).forEach((k, v) -> {
                                if (k.startsWith(DatasetImport.FIELD_PREFIX)) fields.put(k.substring(DatasetImport.FIELD_PREFIX.length()), v);
                            });
                        }
                    }
                    return null;
                });
                out.put(d.fileName(), fields);
            }
            assertThat(plan.columns()).contains(textCol);
            return out;
        }
    }

    @Test
    void csvRowsBecomeDocumentsWithTheirColumnsAsFields() throws Exception {
        Path csv = tmp.resolve("articles.csv");
        Files.writeString(csv, "\uFEFFid,headline,body,year\n"
                + "a1,Strike ends,\"Workers returned on Monday, the union said.\",2019\n"
                + "a2,Protest grows,\"Thousands marched; police said 2,000.\nA second line.\",2020\n"
                + "a3,Empty,,2021\n");
        Map<String, Map<String, String>> docs = importRows(csv, "body", "id");
        assertThat(docs).containsOnlyKeys("a1", "a2", "a3");
        assertThat(docs.get("a1")).containsEntry("#status", "completed").containsEntry("#text", "Workers returned on Monday, the union said.")
                .containsEntry("headline", "Strike ends").containsEntry("year", "2019").containsEntry("id", "a1");
        assertThat(docs.get("a2").get("#text")).contains("A second line.");
        assertThat(docs.get("a3")).containsEntry("#status", "failed").containsEntry("#text", "Row 3 has no text in column 'body'.");
    }

    @Test
    void jsonLinesAJsonArrayAndParquetToo() throws Exception {
        Path jsonl = tmp.resolve("rows.jsonl");
        Files.writeString(jsonl, "{\"doc\":\"d1\",\"text\":\"First article text.\",\"score\":3,\"tags\":[\"x\"]}\n\n"
                + "{\"doc\":\"d2\",\"text\":\"Second article text.\",\"score\":null}\n");
        Map<String, Map<String, String>> a = importRows(jsonl, "text", "doc");
        assertThat(a).containsOnlyKeys("d1", "d2");
        assertThat(a.get("d1")).containsEntry("score", "3").containsEntry("tags", "[\"x\"]");
        assertThat(a.get("d2")).doesNotContainKey("score");

        Path json = tmp.resolve("rows.json");
        Files.writeString(json, "[{\"doc\":\"j1\",\"text\":\"Alpha text here.\"},{\"doc\":\"j2\",\"text\":\"Beta text here.\"}]");
        assertThat(importRows(json, "text", "doc")).containsOnlyKeys("j1", "j2");

        Path parquet = tmp.resolve("rows.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES ('p1', 'Parquet row one text.', 2019), ('p2', 'Parquet row two text.', 2020)) "
                    + "t(id, body, year)) TO '" + parquet + "' (FORMAT PARQUET)");
        }
        Map<String, Map<String, String>> p = importRows(parquet, "body", "id");
        assertThat(p).containsOnlyKeys("p1", "p2");
        assertThat(p.get("p2")).containsEntry("#text", "Parquet row two text.").containsEntry("year", "2020");
        // Without an id column, rows are named after the file.
        assertThat(importRows(json, "text", null)).containsOnlyKeys("rows-row-1", "rows-row-2");
    }

    @Test
    void badInputIsOneClearSentence() throws Exception {
        Path csv = tmp.resolve("a.csv");
        Files.writeString(csv, "id,body\n1,x\n1,y\n");
        try (Matter m = Matter.create(tmp.resolve("m"), "rows", null, null)) {
            DatasetImport d = new DatasetImport(m);
            assertThatThrownBy(() -> d.plan(csv, new DatasetImport.Options("text", "id", null, null)))
                    .hasMessage("The text column 'text' is not in a.csv; its columns are id, body.");
            assertThatThrownBy(() -> d.plan(csv, new DatasetImport.Options("body", "id", null, null)))
                    .hasMessageContaining("repeats the value '1' (rows 1 and 2)");
            Path bad = tmp.resolve("b.jsonl");
            Files.writeString(bad, "{\"a\":1}\nnot json\n");
            assertThatThrownBy(() -> d.plan(bad, new DatasetImport.Options("a", null, null, null))).hasMessageContaining("line 2 is not JSON");
            Path notParquet = tmp.resolve("c.parquet");
            Files.writeString(notParquet, "nope");
            assertThatThrownBy(() -> d.plan(notParquet, new DatasetImport.Options("a", null, null, null)))
                    .hasMessageStartingWith("c.parquet could not be read as parquet");
            assertThatThrownBy(() -> d.plan(tmp.resolve("x.xml"), new DatasetImport.Options("a", null, null, null))).hasMessageContaining("no file");
            assertThat(new ImportStore(m.db()).productions()).as("nothing was planned").isEmpty();
        }
    }
}
