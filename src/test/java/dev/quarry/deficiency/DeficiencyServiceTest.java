package dev.quarry.deficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.deficiency.model.SubPart;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportStore;
import dev.quarry.documents.ParsedPage;
import dev.quarry.evidence.Evidence;
import dev.quarry.export.TableExport;
import dev.quarry.retrieval.ModelManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole analysis on a real matter (H2 on disk) with a test double of the evidence engine. */
class DeficiencyServiceTest {
    @TempDir Path tmp;
    Matter matter;
    DocumentRepository docs;
    DeficiencyService service;
    Path rfp, responses;
    long a, c, d, e;

    static final String NON_COMPETE_NY = "This Distribution Agreement is dated as of March 3, 2017 between Bolt Industries LLC and Northwind Traders. "
            + "The Distributor shall not compete with the Supplier in the Territory during the term. "
            + "This Agreement is governed by the laws of the State of New York. The parties agree to the terms set out in the schedules, "
            + "which describe the products, the prices, the delivery terms and the marketing obligations of the distributor in detail.";

    @BeforeEach
    void setUp() throws Exception {
        matter = Matter.create(tmp.resolve("m"), "deficiency-test", null, ModelManifest.DEFAULT_ID);
        docs = new DocumentRepository(matter.db());
        ImportStore store = new ImportStore(matter.db());
        long vol = store.createProduction("VOL001", "load_file", "/prod/VOL001");
        long client = store.createProduction("client files", "files", "/client");
        a = add("contract-a.txt", NON_COMPETE_NY, vol, "NATIVES\\BOLT0000001.txt", "BOLT0000001", "BOLT0000012");
        source(a, client, "/client/contract-a.txt");
        add("noise.txt", "This Lease is dated as of May 1, 2019 between Bolt Industries LLC and a landlord for office space. "
                + "Rent is payable monthly in advance and the tenant maintains the premises in good repair at its own cost.", vol,
                "NATIVES\\BOLT0000013.txt", "BOLT0000013", "BOLT0000014");
        c = add("contract-c.txt", "This Supply Agreement is dated as of June 9, 2018 between Bolt Industries LLC and Contoso Ltd. "
                + "Contoso shall not compete with Bolt in North America. Governed by the laws of the State of New York. "
                + "Other terms concern deliveries, invoices, warranties, insurance and the resolution of disputes by arbitration.", client,
                "/client/contract-c.txt", null, null);
        d = add("zenith.txt", "This Consulting Agreement is dated as of July 1, 2019 between Bolt Industries LLC and Zenith Partners, L.P. "
                + "The consultant advises on strategy. Governed by the laws of the State of Texas, without regard to conflicts of law.", client,
                "/client/zenith.txt", null, null);
        // The same contract as A, as another file would give it (a PDF's text: other line breaks, a page number).
        e = add("contract-a.pdf", NON_COMPETE_NY.replace(". ", ".\n") + "\n1", client, "/client/contract-a.pdf", null, null);
        rfp = DiscoveryDocs.docx(tmp.resolve("rfp.docx"), DiscoveryDocs.rfp(false));
        responses = DiscoveryDocs.docx(tmp.resolve("responses.docx"), DiscoveryDocs.responses(false));
        service = new DeficiencyService(matter.db(), docs, new FakeEvidence(docs));
    }

    @AfterEach
    void tearDown() {
        matter.close();
    }

    private long add(String name, String text, long production, String path, String begin, String end) {
        return matter.db().inTransaction(t -> {
            long id = docs.insert(t, new DocumentRepository.NewDocument(Hashing.sha256(name + text), name, "text/plain", text.length(),
                    production, null, DocumentStatus.COMPLETED, null, 1, 0, text.length(), "en", false, begin, end, null, null, null,
                    Instant.now(), Map.of()));
            docs.insertPages(t, id, List.of(ParsedPage.text(1, text)));
            docs.insertSource(t, id, null, production, path, null, begin, end, null, Map.of());
            return id;
        });
    }

    private void source(long doc, long production, String path) {
        matter.db().inTransaction(t -> {
            docs.insertSource(t, doc, null, production, path, null, null, null, null, Map.of());
            return null;
        });
    }

    private Report analyze() {
        return service.analyze(new DeficiencyService.Request(rfp, responses, "VOL001", List.of("client files"), Evidence.Mode.OFFLINE),
                null, null);
    }

    private static RequestResult req(Report r, String n) {
        return r.requests().stream().filter(q -> q.number().equals(n)).findFirst().orElseThrow();
    }

    @Test
    void theProductionQualityCheckFindingsAreTheReportsProductionFindings() {
        long vol = new dev.quarry.documents.qc.ProductionQc(matter.db()).production("VOL001").orElseThrow().id();
        new dev.quarry.documents.qc.QcRepository(matter.db()).save(new dev.quarry.documents.qc.QcReport(vol, "VOL001", 2, 14,
                Instant.now(), List.of(new dev.quarry.documents.qc.QcFinding(dev.quarry.documents.qc.QcKind.BATES_GAP,
                        "BOLT0000015", "BOLT0000020", "Six Bates numbers are missing after BOLT0000014."))));
        Report r = analyze();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo("bates_gap");
            assertThat(f.detail()).isEqualTo("BOLT0000015–BOLT0000020: Six Bates numbers are missing after BOLT0000014.");
        });
    }

    @Test
    void aProductionNeverCheckedIsCheckedWhenItIsAnalysed() {
        var qc = new dev.quarry.documents.qc.ProductionQc(matter.db());
        long vol = qc.production("VOL001").orElseThrow().id();
        assertThat(qc.stored(vol)).isEmpty();
        Report r = analyze();
        assertThat(qc.stored(vol)).isPresent();
        assertThat(r.requests()).isNotEmpty();
    }

    @Test
    void classifiesByWhatWasProducedWithEvidenceAndMissing() {
        Report r = analyze();
        assertThat(r.production()).isEqualTo("VOL001");
        assertThat(r.known()).containsExactly("client files");
        assertThat(r.caption().caseNumber()).isEqualTo("1:23-cv-00042-ABC");
        RequestResult one = req(r, "1");
        assertThat(one.classification()).isEqualTo(Classification.NO_RESPONSIVE_DOCS);
        assertThat(one.responsePosture().wire()).isEqualTo("no_documents");

        RequestResult two = req(r, "2");
        assertThat(two.classification()).isEqualTo(Classification.PARTIALLY_PRODUCED);
        // A and its PDF twin are one document, cited with the production's Bates and file name.
        assertThat(two.evidence()).singleElement().satisfies(ev -> {
            assertThat(ev.documentId()).isEqualTo(a);
            assertThat(ev.bates()).startsWith("BOLT00000");
            assertThat(ev.fileName()).isEqualTo("BOLT0000001.txt");
            assertThat(NON_COMPETE_NY).contains(ev.quote());
        });
        assertThat(two.missing()).singleElement().satisfies(m -> {
            assertThat(m.documentId()).isEqualTo(c);
            assertThat(m.fileName()).isEqualTo("contract-c.txt");
        });
        assertThat(two.rationale()).contains("1 of 2 responsive documents were produced");
        assertThat(two.confidence()).isBetween(0.0, 1.0);

        RequestResult three = req(r, "3");
        assertThat(three.subParts()).extracting(SubPart::label, SubPart::classification)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Classification.NO_RESPONSIVE_DOCS),
                        org.assertj.core.groups.Tuple.tuple("b", Classification.NOT_PRODUCED));
        assertThat(three.classification()).isEqualTo(Classification.NOT_PRODUCED);
        assertThat(three.missing()).extracting(m -> m.documentId()).containsExactly(d);
        assertThat(three.findings()).extracting(Finding::kind).contains("refuses_production");

        assertThat(r.findings()).extracting(Finding::kind).contains("boilerplate_general_objections");
        assertThat(r.summary()).containsEntry("partially_produced", 1).containsEntry("not_produced", 1)
                .containsEntry("no_responsive_docs", 1).containsEntry("documents_produced", 2).containsEntry("noise", 1)
                .containsEntry("missing", 2);
        assertThat(new DeficiencyRepository(matter.db()).productions()).filteredOn(p -> p.name().equals("VOL001"))
                .singleElement().satisfies(p -> assertThat(p.analysed()).isTrue());
    }

    @Test
    void overridesCarryWhoAndWhenAndSurviveReanalysis() {
        Report first = analyze();
        Report o = service.overrideClassification(first.reportId(), "2", Classification.FULLY_PRODUCED, "C is a draft, not executed", "Ann Reviewer");
        assertThat(req(o, "2").classification()).isEqualTo(Classification.FULLY_PRODUCED);
        assertThat(req(o, "2").overridden()).isTrue();
        assertThat(req(o, "2").note()).isEqualTo("C is a draft, not executed");
        assertThat(o.version()).isGreaterThan(first.version());
        // A document override: Zenith's agreement is not responsive after all; request 3 follows.
        Report d2 = service.overrideResponsive(first.reportId(), "3", d, false, "wrong Zenith entity", "Ann Reviewer");
        assertThat(req(d2, "3").classification()).isEqualTo(Classification.NO_RESPONSIVE_DOCS);
        assertThat(req(d2, "3").overridden()).isFalse();

        Report again = analyze();
        assertThat(again.reportId()).isEqualTo(first.reportId());
        assertThat(req(again, "2").classification()).isEqualTo(Classification.FULLY_PRODUCED);
        assertThat(req(again, "2").overridden()).isTrue();
        assertThat(req(again, "3").classification()).isEqualTo(Classification.NO_RESPONSIVE_DOCS);
        assertThat(service.history(first.reportId(), null)).hasSize(2).allSatisfy(h -> {
            assertThat(h.changedBy()).isEqualTo("Ann Reviewer");
            assertThat(h.changedAt()).isNotNull();
        });
        assertThat(service.history(first.reportId(), "2").get(0).previous()).isEqualTo("partially_produced");
        assertThatThrownBy(() -> service.overrideClassification(first.reportId(), "99", Classification.NOT_PRODUCED, null, "Ann"))
                .isInstanceOf(QuarryException.class).hasMessageContaining("No. 99");
        assertThatThrownBy(() -> service.addNote(first.reportId(), "2", "x", " ")).hasMessageContaining("reviewer's name");
    }

    @Test
    void exportsOneRowPerRequestAsCsvAndXlsx() throws Exception {
        Report r = analyze();
        Path csv = tmp.resolve("out/report.csv");
        Path xlsx = tmp.resolve("out/report.xlsx");
        TableExport.write(ReportTable.of(r), TableExport.Format.CSV, csv);
        TableExport.write(ReportTable.of(r), TableExport.Format.XLSX, xlsx);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("\ufeffrequest,text,sub_parts,response_posture");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(3);
            assertThat(wb.getSheetAt(0).getRow(2).getCell(5).getStringCellValue()).isEqualTo("partially_produced");
        }
    }

    @Test
    void anUnknownProductionOrAnUnreadableFileLosesNothing() throws Exception {
        assertThatThrownBy(() -> service.analyze(new DeficiencyService.Request(rfp, responses, "VOL999", List.of(), Evidence.Mode.OFFLINE), null, null))
                .isInstanceOf(QuarryException.class).hasMessageContaining("VOL999");
        Path junk = Files.writeString(tmp.resolve("junk.docx"), "not a word file");
        assertThatThrownBy(() -> service.analyze(new DeficiencyService.Request(junk, responses, "VOL001", List.of(), Evidence.Mode.OFFLINE), null, null))
                .isInstanceOf(QuarryException.class).hasMessageContaining("junk.docx");
        assertThat(service.reports()).isEmpty();
    }
}
