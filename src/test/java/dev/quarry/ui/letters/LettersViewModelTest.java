package dev.quarry.ui.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.LetterWiring;
import dev.quarry.app.TaskRunner;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.deficiency.model.Report;
import dev.quarry.export.Doc;
import dev.quarry.export.DocText;
import dev.quarry.letters.LetterDiff;
import dev.quarry.letters.LetterExports;
import dev.quarry.letters.LetterFixtures;
import dev.quarry.letters.LetterMeta;
import dev.quarry.letters.LetterPolisher;
import dev.quarry.letters.LetterRepository;
import dev.quarry.letters.LetterService;
import dev.quarry.letters.LetterVersion;
import dev.quarry.letters.ReportSource;
import dev.quarry.letters.Service;
import dev.quarry.letters.Templates;
import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Letters pane without a screen: a real matter, in-memory reports, every task on the calling thread. */
class LettersViewModelTest {
    @TempDir Path tmp;
    Matter matter;
    FakeLlmServer server;
    LetterService service;
    LettersViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        matter = Matter.create(tmp.resolve("m"), "letters-vm", null, null);
        server = new FakeLlmServer();
        service = new LetterService(new LetterRepository(matter.db()), ReportSource.of(List.of(LetterFixtures.federal(3), LetterFixtures.california(1))),
                Templates.forHome(tmp.resolve("home")), LetterFixtures.bates(), matter.audit());
        LlmConfig c = new LlmConfig(LlmProvider.OPENAI, server.openAiBaseUrl(), "model-x", "sk-test")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
        LetterWiring.Letters letters = new LetterWiring.Letters(service, new LetterExports(service, LetterFixtures.bates()),
                new LetterPolisher(service, LlmGateway.forMatter(matter, c)));
        vm = new LettersViewModel(TaskRunner.sameThread(), letters);
        vm.load();
    }

    @AfterEach
    void tearDown() {
        server.close();
        matter.close();
    }

    Report report(long id) {
        return vm.reports().stream().filter(r -> r.reportId() == id).findFirst().orElseThrow();
    }

    /** The metadata form filled as a user would, from the fixtures' META. */
    void fillForm(LetterMeta m) {
        vm.field("letter_date").set(m.letterDate().toString());
        vm.field("respond_within_days").set(String.valueOf(m.respondWithinDays()));
        vm.field("responses_served_on").set(m.responsesServedOn() == null ? "" : m.responsesServedOn().toString());
        vm.field("responses_service").set(m.responsesService().wire());
        vm.field("sender.name").set(m.sender().name());
        vm.field("sender.firm").set(m.sender().firm());
        vm.field("sender.address").set(m.sender().address());
        vm.field("sender.email").set(m.sender().email());
        vm.field("sender.bar_number").set(m.sender().barNumber());
        LettersViewModel.Recipient r = vm.recipients().get(0);
        r.field("name").set(m.recipients().get(0).name());
        r.field("firm").set(m.recipients().get(0).firm());
        r.field("address").set(m.recipients().get(0).address());
        r.field("email").set(m.recipients().get(0).email());
        vm.field("conference_offer").set(m.conferenceOffer());
    }

    @Test
    void reportsAndTheirDraftsAreListedPerReport() {
        assertThat(vm.reports()).extracting(Report::reportId).containsExactly(12L, 21L);
        assertThat(vm.templateNames()).contains("federal", "california", "plain");
        assertThat(vm.drafts()).isEmpty();
        service.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "a");
        service.draft(12, "plain", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "a");
        service.draft(21, "california", LetterFixtures.meta("2025-04-23", Service.ELECTRONIC), "a");
        vm.load();
        assertThat(vm.drafts()).hasSize(3); // no report picked: every letter
        vm.report().set(report(12));
        assertThat(vm.drafts()).hasSize(2).allMatch(l -> l.reportId() == 12);
        vm.report().set(report(21));
        assertThat(vm.drafts()).singleElement().satisfies(l -> assertThat(l.template()).isEqualTo("california"));
    }

    @Test
    void anEmptyFormDraftsALetterThatListsWhatIsMissingAndWillNotExport() throws Exception {
        vm.report().set(report(21));
        vm.template().set("california");
        vm.draft();
        assertThat(vm.letter().get()).isNotNull();
        assertThat(vm.missingFields()).contains("Letter date", "Days to respond", "Served by", "Sender", "Firm", "A recipient", "Conference offer")
                .doesNotContain("Responses served on"); // the report's served date stands
        assertThat(vm.missing().get()).startsWith("Before it can be exported:").contains("Letter date");
        assertThat(vm.exportable().get()).isFalse();
        assertThat(vm.editor().get()).contains("\u27e6letter\\_date\u27e7"); // escaped for Markdown
        assertThat(vm.preview().get().plainText()).contains("\u27e6letter_date\u27e7");

        Path out = tmp.resolve("out/letter.docx");
        vm.export("docx", out);
        assertThat(out).doesNotExist();
        assertThat(vm.status().get()).startsWith("Not exported: fill in").contains("Letter date");
        assertThat(vm.checkExportable()).isFalse();

        // a recipient with a name but neither address nor email is named by its row
        fillForm(LetterFixtures.meta(null, Service.MAIL));
        vm.recipients().get(0).field("address").set("");
        vm.recipients().get(0).field("email").set("");
        vm.redraft();
        assertThat(vm.missingFields()).containsExactly("Recipient 1 \u00b7 Address");
        vm.recipients().get(0).field("email").set("jellis@hartwell.example");
        vm.redraft();
        assertThat(vm.missingFields()).isEmpty();
        assertThat(vm.missing().get()).isEmpty();
        assertThat(vm.exportable().get()).isTrue();
        vm.export("docx", out);
        assertThat(out).exists();
        assertThat(DocText.of(out)).contains("Jordan Ellis", "Demand for Production No. 14");
        assertThat(vm.status().get()).startsWith("Exported version 3 to");
    }

    @Test
    void aBadDateNumberOrMannerOfServiceIsOneSentenceAndDraftsNothing() {
        vm.report().set(report(12));
        fillForm(LetterFixtures.meta("2024-11-09", Service.ELECTRONIC));
        vm.field("letter_date").set("20/11/2024");
        vm.draft();
        assertThat(vm.status().get()).isEqualTo("Dates are written YYYY-MM-DD (20/11/2024 is not).");
        vm.field("letter_date").set("2024-11-20");
        vm.field("respond_within_days").set("two weeks");
        vm.draft();
        assertThat(vm.status().get()).isEqualTo("two weeks is not a number of days.");
        vm.field("respond_within_days").set("14");
        vm.field("responses_service").set("pigeon");
        vm.draft();
        assertThat(vm.status().get()).startsWith("Served by is one of personal, mail").contains("pigeon");
        assertThat(vm.letter().get()).isNull();
        assertThat(service.list(null)).isEmpty();
        // the same check on Apply metadata: nothing saved
        vm.field("responses_service").set("electronic");
        vm.draft();
        long id = vm.letter().get().id();
        vm.field("letter_date").set("yesterday");
        vm.redraft();
        assertThat(vm.status().get()).contains("yesterday is not");
        assertThat(service.versions(id)).hasSize(1);
    }

    @Test
    void theFormTakesAnyNumberOfRecipientsAndKeepsWhatItDoesNotShow() {
        vm.report().set(report(12));
        fillForm(LetterFixtures.meta("2024-11-09", Service.ELECTRONIC));
        LettersViewModel.Recipient second = vm.addRecipient();
        second.field("name").set("Morgan Lee");
        second.field("firm").set("Hartwell Brandt LLP");
        second.field("email").set("mlee@hartwell.example");
        vm.addRecipient(); // left empty: not a recipient
        assertThat(vm.meta().recipients()).extracting(LetterMeta.Recipient::name).containsExactly("Jordan Ellis", "Morgan Lee");
        vm.draft();
        assertThat(vm.editor().get()).contains("Jordan Ellis", "Morgan Lee");
        assertThat(vm.recipients()).hasSize(2); // filled back from the saved version
        assertThat(vm.recipients().get(1).field("email").get()).isEqualTo("mlee@hartwell.example");

        // a version whose metadata came from META.json keeps its cc and caption overrides through Apply metadata
        LetterMeta withCc = LetterFixtures.meta("2024-11-09", Service.ELECTRONIC);
        LetterService.LetterView fromCli = service.draft(12, "federal", new LetterMeta(withCc.letterDate(), 14, withCc.responsesServedOn(),
                withCc.responsesService(), withCc.sender(), withCc.recipients(), withCc.conferenceOffer(), null, "1:24-cv-09334-LED (N.D. Ill.)",
                null, List.of("Client (by email)"), null), "cli");
        vm.open(fromCli.letter(), null);
        vm.removeRecipient(vm.recipients().get(0)); // the only one: emptied, the row stays
        assertThat(vm.recipients()).hasSize(1);
        assertThat(vm.recipients().get(0).field("name").get()).isEmpty();
        LettersViewModel.Recipient r = vm.recipients().get(0);
        r.field("name").set("Casey Park");
        r.field("email").set("cpark@hartwell.example");
        vm.redraft();
        LetterMeta saved = service.show(fromCli.letter().id(), null).version().meta();
        assertThat(saved.recipients()).extracting(LetterMeta.Recipient::name).containsExactly("Casey Park");
        assertThat(saved.cc()).containsExactly("Client (by email)");
        assertThat(saved.caseNumber()).isEqualTo("1:24-cv-09334-LED (N.D. Ill.)");
        assertThat(saved.sender().title()).isEqualTo("Partner");
        // two recipients, the first removed: the second is the one left
        LettersViewModel.Recipient b = vm.addRecipient();
        b.field("name").set("Drew Stone");
        vm.removeRecipient(vm.recipients().get(0));
        assertThat(vm.recipients()).singleElement().satisfies(x -> assertThat(x.field("name").get()).isEqualTo("Drew Stone"));
    }

    @Test
    void editingMakesANewVersionThePreviewFollowsAndTwoVersionsCompare() {
        vm.report().set(report(12));
        fillForm(LetterFixtures.meta("2024-11-09", Service.ELECTRONIC));
        vm.draft();
        long id = vm.letter().get().id();
        assertThat(vm.versions()).extracting(LetterVersion::version).containsExactly(1);
        assertThat(vm.status().get()).startsWith("Letter " + id + ", version 1, saved by");
        assertThat(vm.drafts()).singleElement().satisfies(l -> assertThat(l.latestVersion()).isEqualTo(1));

        String edited = vm.editor().get().replace("Dear Counsel:", "Dear Mr. Ellis:") + "\n## A heading added in the editor\n";
        vm.editor().set(edited);
        // the preview is the export's own parse of what is in the editor, before anything is saved
        assertThat(vm.preview().get().blocks()).anySatisfy(b -> assertThat(b).isInstanceOfSatisfying(Doc.Heading.class,
                h -> assertThat(h.runs().get(0).text()).isEqualTo("A heading added in the editor")));
        assertThat(vm.preview().get().plainText()).contains("Dear Mr. Ellis:").doesNotContain("quarry:");
        vm.save();
        assertThat(vm.versions()).extracting(LetterVersion::version).containsExactly(1, 2);
        assertThat(vm.versions().get(1).source()).isEqualTo("edit");
        assertThat(vm.versions().get(1).createdBy()).isEqualTo(System.getProperty("user.name"));
        assertThat(vm.drafts()).singleElement().satisfies(l -> assertThat(l.latestVersion()).isEqualTo(2));

        vm.save(); // nothing changed: one sentence, no version
        assertThat(vm.status().get()).contains("same as version 2");
        assertThat(service.versions(id)).hasSize(2);

        vm.compare(1, 2);
        assertThat(vm.diff()).contains(new LetterDiff.Line(LetterDiff.Kind.REMOVED, "Dear Counsel:"),
                new LetterDiff.Line(LetterDiff.Kind.ADDED, "Dear Mr. Ellis:"), new LetterDiff.Line(LetterDiff.Kind.ADDED, "## A heading added in the editor"));
        assertThat(vm.diff()).filteredOn(l -> l.kind() == LetterDiff.Kind.SAME).isNotEmpty();
        assertThat(vm.diffSummary().get()).isEqualTo("v1 \u2192 v2: 3 lines added, 1 removed");

        vm.open(vm.letter().get(), 1);
        assertThat(vm.editor().get()).contains("Dear Counsel:");
        assertThat(vm.status().get()).contains("version 1");
        vm.compare(1, 7);
        assertThat(vm.status().get()).contains("no version 7");
    }

    @Test
    void deadlinesAreShownForTheShownVersion() {
        vm.report().set(report(21));
        vm.template().set("california");
        LetterMeta m = LetterFixtures.meta(null, Service.ELECTRONIC);
        fillForm(m);
        vm.draft();
        assertThat(vm.deadlines().get()).isEqualTo("Respond by: Wed Dec 4, 2024\nMotion to compel further responses by: Tue Jun 10, 2025");
        assertThat(vm.deadlineSteps().get()).contains("+ 45 days (CCP \u00a7 2031.310(c)) = 2025-06-07",
                "+ 2 court days after the 45th day", "Last day to give notice of the motion: 2025-06-10.");
        vm.field("responses_service").set("mail");
        vm.redraft();
        assertThat(vm.deadlines().get()).contains("Motion to compel further responses by: Thu Jun 12, 2025");
        // the federal letter has no motion deadline
        vm.report().set(report(12));
        vm.template().set("federal");
        vm.draft();
        assertThat(vm.deadlines().get()).isEqualTo("Respond by: Wed Dec 4, 2024");
        assertThat(vm.deadlineSteps().get()).doesNotContain("Motion to compel");
        assertThat(vm.letter().get().reportId()).isEqualTo(12);
    }

    @Test
    void draftFromAReportPicksItsTemplateByTheCaption() {
        vm.draftFrom(21);
        assertThat(vm.report().get().reportId()).isEqualTo(21);
        assertThat(vm.template().get()).isEqualTo("california");
        assertThat(vm.letter().get().style()).isEqualTo("california");
        vm.draftFrom(99);
        assertThat(vm.status().get()).isEqualTo("There is no deficiency report 99 in this matter.");
    }

    @Test
    void aPolishThatChangesADateIsRefusedWithTheDifferenceShownAndSavesNothing() {
        vm.report().set(report(12));
        fillForm(LetterFixtures.meta("2024-11-09", Service.ELECTRONIC));
        vm.draft();
        long id = vm.letter().get().id();
        String draft = vm.editor().get();
        server.always(FakeLlmServer.answer(body -> lastMessage(body).replace("December 4, 2024", "December 5, 2024")));
        vm.polish();
        assertThat(vm.polishRefusal().get()).startsWith("The polished wording was refused")
                .contains("missing from the polished text: date December 4, 2024", "not in the draft: date December 5, 2024");
        assertThat(vm.status().get()).startsWith("The polished wording was refused");
        assertThat(service.versions(id)).hasSize(1);
        assertThat(vm.editor().get()).isEqualTo(draft);
        assertThat(vm.busy().get()).isFalse();

        server.always(FakeLlmServer.answer(body -> lastMessage(body).replace("We have compared the production",
                "We have carefully compared the production")));
        vm.polish();
        assertThat(vm.polishRefusal().get()).isEmpty();
        assertThat(vm.status().get()).isEqualTo("The polished wording kept every number, date and quotation: saved as version 2.");
        assertThat(vm.editor().get()).contains("We have carefully compared the production");
        assertThat(vm.versions()).extracting(LetterVersion::source).containsExactly("draft", "polish");
    }

    @Test
    void theMissingFieldNamesReadAsTheFormLabelsThem() {
        assertThat(LettersViewModel.label("letter_date")).isEqualTo("Letter date");
        assertThat(LettersViewModel.label("sender.bar_number")).isEqualTo("Bar number");
        assertThat(LettersViewModel.label("recipients[2].address")).isEqualTo("Recipient 3 \u00b7 Address");
        assertThat(LettersViewModel.label("case_title")).isEqualTo("case_title");
    }

    /** The letter the model was sent (the last user message) in an OpenAI chat request. */
    static String lastMessage(String body) {
        try {
            JsonNode msgs = Json.MAPPER.readTree(body).path("messages");
            JsonNode content = msgs.get(msgs.size() - 1).path("content");
            return content.isArray() ? content.get(0).path("text").asText() : content.asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
