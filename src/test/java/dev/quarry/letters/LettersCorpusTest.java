package dev.quarry.letters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.export.DocText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16 part 9: the dev scenarios' letters drafted from reports built on their gold.json and responses,
 * exported as DOCX and PDF (and the California separate statement), and read back: every deficient request
 * number present, no placeholder left. The files stay in target/letters-corpus for a reader.
 */
@Tag("corpus")
class LettersCorpusTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @CsvSource({"dev-federal,federal,2024-11-20", "dev-federal,plain,2024-11-20", "dev-california,california,2025-05-02", "dev-california,plain,2025-05-02"})
    void exportedLettersHoldEveryDeficientRequestAndNoPlaceholder(String scenario, String template, String letterDate) throws Exception {
        Path dir = Path.of(System.getProperty("quarry.corpus"), "deficiency", scenario);
        GoldReports.Built b = GoldReports.build(dir, 1);
        Report report = b.report();
        Path out = Path.of("target", "letters-corpus");
        Files.createDirectories(out);
        Files.writeString(out.resolve(scenario + "-report.json"), ReportJson.write(report));
        try (Matter m = Matter.create(tmp.resolve("m"), scenario, null, null)) {
            LetterService s = new LetterService(new LetterRepository(m.db()), ReportSource.of(List.of(report)), Templates.forHome(tmp.resolve("home")), b.bates(), m.audit());
            LetterMeta meta = LetterFixtures.meta(null, scenario.contains("california") ? Service.ELECTRONIC : Service.ELECTRONIC);
            meta = new LetterMeta(LocalDate.parse(letterDate), 14, null, meta.responsesService(), meta.sender(), meta.recipients(),
                    meta.conferenceOffer().replace("November 25 or 26, 2024", scenario.contains("california") ? "May 8 or 9, 2025" : "November 25 or 26, 2024"),
                    null, null, null, meta.cc(), null);
            LetterService.LetterView v = s.draft(1, template, meta, "corpus");
            assertThat(v.missingFields()).isEmpty();
            assertThat(v.placeholders()).isEmpty();
            LetterExports x = new LetterExports(s, b.bates());
            List<String> deficient = report.requests().stream().filter(r -> r.classification().deficient()).map(RequestResult::number).toList();
            assertThat(deficient).isNotEmpty();
            for (String fmt : List.of("docx", "pdf")) {
                Path f = out.resolve(scenario + "-" + template + "." + fmt);
                x.export(v.letter().id(), null, fmt, f, "corpus");
                String text = DocText.of(f);
                for (String n : deficient) {
                    assertThat(Pattern.compile("(Request|Demand)( for Production)? No\\. " + n + "\\b").matcher(text).find())
                            .as("%s %s %s has request %s", scenario, template, fmt, n).isTrue();
                }
                assertThat(Placeholders.find(text)).as("placeholders in %s", f).isEmpty();
                assertThat(text).doesNotContain("quarry:", "{{", "\u27e6");
                for (RequestResult r : report.requests()) {
                    if (!r.classification().deficient()) {
                        assertThat(Pattern.compile("(Request|Demand)( for Production)? No\\. " + r.number() + "\\n").matcher(text).find())
                                .as("%s lists produced request %s", f, r.number()).isFalse();
                    }
                }
            }
            if ("california".equals(template)) {
                Path ss = out.resolve(scenario + "-separate-statement.docx");
                x.export(v.letter().id(), null, "separate-statement", ss, "corpus");
                String text = DocText.of(ss);
                for (String n : deficient) assertThat(text).contains("Response to Demand for Production No. " + n + "\n");
                assertThat(Placeholders.find(text)).isEmpty();
                assertThat(v.deadlines().motionToCompelBy()).isEqualTo(LocalDate.parse("2025-06-10"));
            } else if ("federal".equals(template)) {
                assertThat(v.deadlines().respondBy()).isEqualTo(LocalDate.parse("2024-12-04"));
            }
            Files.writeString(out.resolve(scenario + "-" + template + ".md"), v.version().content());
        }
    }
}
