package dev.quarry.ui.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.qa.AnswerType;
import dev.quarry.qa.Citation;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.QaService;
import dev.quarry.qa.ReviewQueue;
import dev.quarry.ui.ask.AskViewModel.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AskViewModelTest {

    static QaResult result(long id, String question, String answer, AnswerType type, List<Citation> citations, List<String> suggestions) {
        return new QaResult(id, question, answer, type, 0.8, Map.of(), citations, suggestions, null, Map.of(), null, false,
                1, 2, 3, 0, 0, null, null, 0, null, null, false, false, Instant.parse("2026-01-02T03:04:05Z"), null);
    }

    static Citation citation(int rank, boolean verified) {
        return new Citation(rank, 10 + rank, 3, "lease.txt", 2, "ABC-0002", 120L, 160L, "the late fee", 0.7, true, verified);
    }

    /** Records what the pane asked for; answers with a fixed result after streaming two pieces. */
    static final class FakeBackend implements AskBackend {
        final List<String> asked = new ArrayList<>();
        final List<QaService.AskOptions> options = new ArrayList<>();
        final List<String> feedback = new ArrayList<>();
        final List<QaResult> stored = new ArrayList<>();
        QaResult next;

        @Override
        public QaResult ask(String question, QaService.AskOptions o, Consumer<String> onToken) {
            asked.add(question);
            options.add(o);
            onToken.accept("The fee is due ");
            onToken.accept("on the 5th [1].");
            stored.add(0, next);
            return next;
        }

        @Override public List<QaResult> history(int limit, int offset) {
            return stored.subList(Math.min(offset, stored.size()), Math.min(stored.size(), offset + limit));
        }
        @Override public void feedback(long queryId, String rating, String comment) { feedback.add(queryId + " " + rating + " " + comment); }
        final List<ReviewQueue.Item> queue = new ArrayList<>();
        @Override public void requestReview(long queryId) {
            queue.add(new ReviewQueue.Item(queryId, "q" + queryId, "a", "user_request", 0.5, 0.5, "queued", Instant.now(), null, null, null, null));
        }
        @Override public List<ReviewQueue.Item> queuedReviews() { return List.copyOf(queue); }
        @Override public void resolveReview(long queryId, String correctAnswer, String notes) {
            if (correctAnswer == null || correctAnswer.isBlank()) throw new dev.quarry.core.QuarryException("Write the correct answer before resolving the review.");
            queue.removeIf(i -> i.queryId() == queryId);
        }
    }

    @Test
    void questionsOutside5To2000CharactersAreRefusedBeforeAnythingRuns() {
        FakeBackend b = new FakeBackend();
        AskViewModel vm = new AskViewModel(TaskRunner.sameThread(), b, null, (d, p, s, e) -> {});
        vm.question().set("  fee ");
        assertThat(vm.questionValid().get()).isFalse();
        vm.ask();
        assertThat(b.asked).isEmpty();
        assertThat(vm.error().get().message()).contains("5");
        vm.question().set("x".repeat(2001));
        assertThat(vm.questionValid().get()).isFalse();
        vm.question().set("When is the late fee due?");
        assertThat(vm.questionValid().get()).isTrue();
    }

    @Test
    void anAnswerStreamsThenCompletesWithCitationsAndGoesToHistory() {
        FakeBackend b = new FakeBackend();
        b.next = result(7, "When is the fee due?", "The fee is due on the 5th [1].", AnswerType.GROUNDED, List.of(citation(1, true)), List.of());
        List<String> seen = new ArrayList<>();
        AskViewModel vm = new AskViewModel(TaskRunner.sameThread(), b, null, (d, p, s, e) -> {});
        vm.streamed().addListener((o, x, y) -> seen.add(y));
        vm.offline().set(true);
        vm.question().set("When is the fee due?");
        vm.ask();
        assertThat(seen).contains("The fee is due ", "The fee is due on the 5th [1].");
        assertThat(b.options.get(0).offline()).isTrue();
        assertThat(vm.result().get().queryId()).isEqualTo(7);
        assertThat(vm.citation(1)).isPresent();
        assertThat(vm.history()).hasSize(1);
        assertThat(vm.asking().get()).isFalse();
        assertThat(AskViewModel.banner(vm.result().get())).isNull();
    }

    @Test
    void citationMarkersBecomeLinksAndGroupsSplit() {
        assertThat(AskViewModel.segments("Due on the 5th [1], late after [2, 3].")).containsExactly(
                new Segment("Due on the 5th ", 0), new Segment("[1]", 1), new Segment(", late after ", 0),
                new Segment("[2]", 2), new Segment(" ", 0), new Segment("[3]", 3), new Segment(".", 0));
        assertThat(AskViewModel.segments("no markers [x]")).containsExactly(new Segment("no markers [x]", 0));
    }

    @Test
    void extractiveAndInsufficientAnswersSayWhatTheyAre() {
        assertThat(AskViewModel.banner(result(1, "q", "a", AnswerType.EXTRACTIVE, List.of(), List.of())))
                .isEqualTo("Answered offline by quoting the documents — no language model was used.");
        assertThat(AskViewModel.banner(result(1, "q", "a", AnswerType.INSUFFICIENT_EVIDENCE, List.of(), List.of("a?", "b?", "c?"))))
                .contains("do not answer");
    }

    @Test
    void aReviewedAnswerSaysWhoRecordedItAndWhenAndAnAnswerShowsItsConfidence() {
        QaResult base = result(1, "q", "$12,500 a month.", AnswerType.REVIEWED, List.of(), List.of());
        QaResult reviewed = new QaResult(base.queryId(), base.question(), base.answer(), base.answerType(), 1.0, Map.of(),
                List.of(), List.of(), null, null, null, false, 0, 0, 1, 0, 0, null, null, 0, null, null, false, false,
                base.createdAt(), null, new QaResult.Reviewed(7, "jd", Instant.parse("2026-12-04T10:00:00Z")));
        assertThat(AskViewModel.banner(reviewed)).startsWith("Reviewed answer").contains("jd", "2026");
        assertThat(AskViewModel.confidenceLabel(reviewed)).isNull();
        QaResult grounded = result(2, "q", "a [1]", AnswerType.GROUNDED, List.of(citation(1, true)), List.of());
        assertThat(AskViewModel.confidenceLabel(grounded)).isEqualTo("Confidence 0.80");
        QaResult flagged = new QaResult(2, "q", "a [1]", AnswerType.GROUNDED, 0.31, Map.of(), List.of(citation(1, true)), List.of(),
                null, null, null, true, 0, 0, 1, 0, 0, null, null, 0, null, null, false, false, base.createdAt(), null);
        assertThat(AskViewModel.confidenceLabel(flagged)).startsWith("Confidence 0.31").contains("flagged for review");
    }

    @Test
    void aSuggestionAsksThatQuestionAndFeedbackCarriesTheComment() {
        FakeBackend b = new FakeBackend();
        b.next = result(9, "What fees are there?", "See [1].", AnswerType.GROUNDED, List.of(citation(1, false)), List.of());
        AskViewModel vm = new AskViewModel(TaskRunner.sameThread(), b, null, (d, p, s, e) -> {});
        vm.ask("What fees are there?");
        assertThat(b.asked).containsExactly("What fees are there?");
        vm.feedbackComment().set(" cites the wrong clause ");
        vm.feedback(false);
        assertThat(b.feedback).containsExactly("9 not_helpful cites the wrong clause");
        assertThat(vm.feedbackStatus().get()).contains("not helpful");
    }

    @Test
    void historyIsPagedNewestFirstAndReopens() {
        FakeBackend b = new FakeBackend();
        for (int i = 1; i <= 25; i++) b.stored.add(0, result(i, "question " + i, "answer " + i, AnswerType.EXTRACTIVE, List.of(), List.of()));
        AskViewModel vm = new AskViewModel(TaskRunner.sameThread(), b, null, (d, p, s, e) -> {});
        vm.loadHistory();
        assertThat(vm.history()).hasSize(20);
        assertThat(vm.history().get(0).queryId()).isEqualTo(25);
        assertThat(vm.hasMoreHistory().get()).isTrue();
        vm.moreHistory();
        assertThat(vm.history()).hasSize(25);
        assertThat(vm.hasMoreHistory().get()).isFalse();
        vm.reopen(vm.history().get(24));
        assertThat(vm.askedQuestion().get()).isEqualTo("question 1");
        assertThat(vm.streamed().get()).isEqualTo("answer 1");
    }

    @Test
    void anAnswerGoesToTheReviewQueueAndResolvingItNeedsTheCorrectAnswer() {
        FakeBackend b = new FakeBackend();
        b.next = result(4, "When is the fee due?", "On the 5th [1].", AnswerType.GROUNDED, List.of(citation(1, true)), List.of());
        AskViewModel vm = new AskViewModel(TaskRunner.sameThread(), b, null, (d, p, s, e) -> {});
        vm.ask("When is the fee due?");
        vm.requestReview();
        assertThat(vm.reviews()).extracting(ReviewQueue.Item::queryId).containsExactly(4L);
        vm.resolveReview(vm.reviews().get(0), " ", null);
        assertThat(vm.error().get().message()).isEqualTo("Write the correct answer before resolving the review.");
        assertThat(vm.reviews()).hasSize(1);
        vm.resolveReview(vm.reviews().get(0), "On the 5th business day.", "clause 4.2");
        assertThat(vm.reviews()).isEmpty();
    }

    @Test
    void aQuestionAboutEveryDocumentOffersAGridColumnAndAcceptingHandsOverTheDerivedVariable() {
        FakeBackend b = new FakeBackend();
        AskViewModel vm = new AskViewModel(TaskRunner.sameThread(), b, null, (d, p, s, e) -> {});
        List<dev.quarry.extraction.VariableSpec> created = new ArrayList<>();
        vm.setGridColumnSink(created::add);

        b.next = result(1, "When is the late fee due?", "On the 5th [1].", AnswerType.GROUNDED, List.of(citation(1, true)), List.of());
        vm.ask("When is the late fee due?");
        assertThat(vm.gridOffer().get()).isNull();
        vm.acceptGridOffer();
        assertThat(created).isEmpty();

        String q = "How many contracts choose Delaware law?";
        b.next = result(2, q, "One [1].", AnswerType.GROUNDED, List.of(citation(1, true)), List.of());
        vm.ask(q);
        assertThat(b.asked).containsExactly("When is the late fee due?", q); // still asked: the offer comes with the answer
        assertThat(vm.gridOffer().get()).isEqualTo(new dev.quarry.extraction.VariableSpec("choose_delaware_law",
                dev.quarry.evidence.ValueType.BOOLEAN, q, List.of(), false, false));
        vm.acceptGridOffer();
        assertThat(created).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("choose_delaware_law");
            assertThat(v.type()).isEqualTo(dev.quarry.evidence.ValueType.BOOLEAN);
            assertThat(v.instructions()).isEqualTo(q);
            assertThat(v.problems()).isEmpty();
        });

        // Reopening an ordinary answer from history takes the offer away; an every-document one brings it back.
        vm.reopen(vm.history().get(1));
        assertThat(vm.gridOffer().get()).isNull();
        vm.reopen(vm.history().get(0));
        assertThat(vm.gridOffer().get().name()).isEqualTo("choose_delaware_law");
        assertThat(AskViewModel.offerFor("What is the average notice period?").type()).isEqualTo(dev.quarry.evidence.ValueType.NUMBER);
    }
}
