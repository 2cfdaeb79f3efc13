package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.Grids;
import dev.quarry.core.Json;
import dev.quarry.extraction.GridFixture;
import dev.quarry.llm.FakeLlmServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid command line as a script drives it (issue 14 part 9): a dataset imported as rows, a grid created,
 * sampled, reviewed, refined through a model speaking the OpenAI protocol, re-sampled, run on all, shown, asked
 * and exported. Cells come from a recorded engine double (the real engine has its own tests).
 */
class GridCliTest {
    @TempDir Path tmp;
    FakeLlmServer server;

    @AfterEach
    void restore() {
        GridCommand.env = System.getenv();
        if (server != null) server.close();
    }

    static JsonNode json(CliTest.Run r) throws Exception {
        assertThat(r.out()).as(r.err()).isNotBlank();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void aScriptDefinesRunsReviewsRefinesAsksAndExports() throws Exception {
        var previous = Grids.engine;
        try {
            Path matter = tmp.resolve("m");
            assertThat(CliTest.quarry("matter", "create", matter.toString(), "--name", "grid cli").code()).isZero();
            Path csv = tmp.resolve("contracts.csv");
            try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(csv), CSVFormat.RFC4180)) {
                p.printRecord("contract_id", "region", "text");
                for (int i = 0; i < 12; i++) p.printRecord(String.format("c%02d", i), i % 2 == 0 ? "east" : "west", GridFixture.contract(i));
            }
            CliTest.Run imported = CliTest.quarry("import", matter.toString(), csv.toString(), "--rows", "--text-column", "text",
                    "--id-column", "contract_id", "--keyword-only", "--quiet", "--json");
            assertThat(imported.code()).as(imported.err()).isZero();
            assertThat(json(imported).get("matter_documents").get("completed").asInt()).isEqualTo(12);
            assertThat(CliTest.quarry("import", matter.toString(), csv.toString(), "--rows").code()).as("--rows needs --text-column").isEqualTo(2);

            Grids.engine = (s, gw) -> GridFixture.engine(s.matter());
            Path vars = tmp.resolve("vars.json");
            Files.writeString(vars, Json.write(GridFixture.variables().stream().map(v -> Map.of("name", v.name(), "type", v.type().name(),
                    "instructions", v.instructions())).toList()));
            CliTest.Run created = CliTest.quarry("grid", "create", matter.toString(), "--name", "Supply", "--variables", vars.toString(), "--json");
            assertThat(created.code()).as(created.err()).isZero();
            JsonNode c = json(created);
            assertThat(c.get("grid_id").asLong()).isPositive();
            assertThat(c.get("variables").asInt()).isEqualTo(4);
            assertThat(c.get("documents").asInt()).isEqualTo(12);
            assertThat(c.get("given_columns").toString()).isEqualTo("[\"contract_id\",\"region\"]");
            String grid = c.get("grid_id").asText();

            Path badVars = tmp.resolve("bad.json");
            Files.writeString(badVars, "[{\"name\": \"2x\", \"type\": \"TEXT\", \"instructions\": \"short\"}]");
            CliTest.Run bad = CliTest.quarry("grid", "create", matter.toString(), "--name", "Bad", "--variables", badVars.toString());
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("identifier").contains("10 to 5,000");

            CliTest.Run early = CliTest.quarry("grid", "run", matter.toString(), grid, "--all");
            assertThat(early.code()).isEqualTo(1);
            assertThat(early.err()).contains("Run a sample first");
            assertThat(CliTest.quarry("grid", "run", matter.toString(), grid).code()).as("--sample N or --all").isEqualTo(2);

            JsonNode s1 = json(CliTest.quarry("grid", "run", matter.toString(), grid, "--sample", "4", "--offline", "--json"));
            assertThat(s1.get("status").asText()).isEqualTo("completed");
            assertThat(s1.get("cells_done").asInt()).isEqualTo(16);
            assertThat(s1.get("grid_status").asText()).isEqualTo("SAMPLE_TESTING");
            JsonNode shown = json(CliTest.quarry("grid", "show", matter.toString(), grid, "--json"));
            String sampled = null;
            for (JsonNode row : shown.get("rows")) {
                if (!row.get("cells").get("governing_law").get("value").isNull()) {
                    sampled = row.get("file_name").asText();
                    assertThat(row.get("cells").get("governing_law").get("quote_verified").asBoolean()).isTrue();
                    assertThat(row.get("cells").get("governing_law").get("prompt_version").asInt()).isEqualTo(1);
                    assertThat(row.get("fields").get("region").asText()).isIn("east", "west");
                    break;
                }
            }
            assertThat(sampled).isNotNull();

            Path fb = tmp.resolve("feedback.jsonl");
            Files.writeString(fb, "{\"file_name\": \"" + sampled + "\", \"variable\": \"governing_law\", \"correct\": false, "
                    + "\"value\": \"England\", \"comment\": \"the parties chose English law in the schedule\"}\n"
                    + "{\"file_name\": \"" + sampled + "\", \"variable\": \"non_compete\", \"correct\": true}\n"
                    + "{\"file_name\": \"nope.txt\", \"variable\": \"non_compete\", \"correct\": true}\n");
            CliTest.Run fed = CliTest.quarry("grid", "feedback", matter.toString(), grid, "--file", fb.toString(), "--json");
            assertThat(fed.code()).as("a line that names no document").isEqualTo(1);
            JsonNode f = json(fed);
            assertThat(f.get("recorded").asInt()).isEqualTo(2);
            assertThat(f.get("skipped").get(0).get("line").asInt()).isEqualTo(3);

            // Refinement through the model: the gateway speaks OpenAI's protocol to a local server.
            server = new FakeLlmServer();
            server.then(FakeLlmServer.answer("Give the jurisdiction whose law governs the agreement, including a law chosen in a schedule."),
                    FakeLlmServer.answer("ok"));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("QUARRY_LLM_PROVIDER", "openai");
            env.put("QUARRY_LLM_BASE_URL", server.openAiBaseUrl());
            env.put("QUARRY_LLM_MODEL", "stand-in");
            env.put("QUARRY_LLM_API_KEY", "sk-test");
            GridCommand.env = env;
            JsonNode refined = json(CliTest.quarry("grid", "refine", matter.toString(), grid, "--json"));
            JsonNode law = refined.get("refined").get(0);
            assertThat(law.get("variable").asText()).isEqualTo("governing_law");
            assertThat(law.get("prompt_version").asInt()).isEqualTo(2);
            assertThat(law.get("origin").asText()).isEqualTo("refined_model");
            assertThat(law.get("instructions").asText()).contains("chosen in a schedule");
            JsonNode nc = refined.get("refined").get(1);
            assertThat(nc.get("origin").asText()).as("'ok' is no instructions: kept, feedback as examples").isEqualTo("refined_offline");
            assertThat(nc.get("note").asText()).contains("not usable");
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(0).body()).contains("English law in the schedule").doesNotContain("sk-test");

            JsonNode s2 = json(CliTest.quarry("grid", "run", matter.toString(), grid, "--sample", "4", "--offline", "--json"));
            assertThat(s2.get("prompt_versions").get("governing_law").asInt()).as(s2.toString()).isEqualTo(2);
            assertThat(s2.get("comparison").get("previous_run_id").asLong()).isEqualTo(s1.get("run_id").asLong());
            JsonNode cmpLaw = s2.get("comparison").get("variables").get(0);
            assertThat(cmpLaw.get("documents_compared").asInt()).isEqualTo(4);
            assertThat(cmpLaw.get("reviewed").asInt()).isEqualTo(1);

            JsonNode all = json(CliTest.quarry("grid", "run", matter.toString(), grid, "--all", "--offline", "--json"));
            assertThat(all.get("cells_done").asInt()).isEqualTo(48);
            assertThat(all.get("grid_status").asText()).isEqualTo("COMPLETE");

            JsonNode asked = json(CliTest.quarry("grid", "ask", matter.toString(), grid, "how many contracts choose Delaware law?", "--json"));
            assertThat(asked.get("answer_type").asText()).isEqualTo("answered");
            assertThat(asked.get("cells").size()).isEqualTo(6);
            assertThat(asked.get("cells").get(0).get("variable").asText()).isEqualTo("governing_law");
            JsonNode na = json(CliTest.quarry("grid", "ask", matter.toString(), grid, "what is the average salary?", "--json"));
            assertThat(na.get("answer_type").asText()).isEqualTo("not_available");
            assertThat(na.get("suggestions").size()).isEqualTo(3);
            assertThat(na.get("available_columns").toString()).contains("governing_law").contains("region");
            for (String field : new String[] {"answer_type", "answer", "cells", "available_columns", "suggestions"}) assertThat(na.has(field)).isTrue();

            Path longCsv = tmp.resolve("long.csv");
            assertThat(CliTest.quarry("grid", "export", matter.toString(), grid, "--format", "csv-long", "--out", longCsv.toString()).code()).isZero();
            assertThat(Files.readAllLines(longCsv).get(0)).isEqualTo("file_name,document_id,variable,value,confidence,quote,page,start_char,"
                    + "end_char,prompt_version,method,status,reviewed");
            assertThat(Files.readAllLines(longCsv)).hasSize(49);
            Path wide = tmp.resolve("wide.csv");
            assertThat(CliTest.quarry("grid", "export", matter.toString(), grid, "--format", "csv-wide", "--confidence", "--out", wide.toString()).code()).isZero();
            assertThat(Files.readAllLines(wide).get(0)).isEqualTo("document_id,file_name,contract_id,region,governing_law,governing_law_confidence,"
                    + "agreement_date,agreement_date_confidence,notice_days,notice_days_confidence,non_compete,non_compete_confidence");
            Path xlsx = tmp.resolve("grid.xlsx");
            assertThat(CliTest.quarry("grid", "export", matter.toString(), "Supply", "--format", "xlsx", "--out", xlsx.toString()).code()).isZero();
            try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                assertThat(wb.getNumberOfSheets()).isEqualTo(3);
                assertThat(wb.getSheet("Data").getLastRowNum()).isEqualTo(12);
            }
            assertThat(CliTest.quarry("grid", "export", matter.toString(), grid, "--format", "pdf", "--out", xlsx.toString()).code()).isEqualTo(2);
            assertThat(CliTest.quarry("grid", "show", matter.toString(), "9999").err()).contains("There is no grid '9999'");
        } finally {
            Grids.engine = previous;
        }
    }
}
