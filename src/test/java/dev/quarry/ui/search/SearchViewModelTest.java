package dev.quarry.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.PageRecord;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchResult;
import dev.quarry.retrieval.SearchService.Mode;
import dev.quarry.ui.common.PassageLocator;
import dev.quarry.ui.search.SearchViewModel.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchViewModelTest {
    private static SearchHit hit(String snippet) {
        return new SearchHit(1, 7, 3, "lease.txt", 2, "ABC-0002", 120, 160, 0.03, 0.8, 1, 4.2, 1, "the late fee is due", snippet);
    }

    private static SearchResult result(Mode mode, List<SearchHit> hits) {
        return new SearchResult(hits, mode, null, !hits.isEmpty());
    }

    @Test
    void thePaneSaysWhenTheKeywordsMatchedNothingOrWereReadAsPlainWords() {
        List<SearchResult> answers = new ArrayList<>(List.of(
                new SearchResult(List.of(hit(null)), Mode.HYBRID, null, false),
                new SearchResult(List.of(), Mode.KEYWORD, null, false),
                new SearchResult(List.of(hit("the <b>late</b> fee")), Mode.HYBRID, "a quotation mark is not closed", true),
                new SearchResult(List.of(hit("the <b>late</b> fee")), Mode.HYBRID, null, true)));
        SearchViewModel vm = new SearchViewModel(TaskRunner.sameThread(), (q, m, k, f) -> answers.remove(0), null, List::of, (d, p, s, e) -> {});
        vm.query().set("xylophon*");
        vm.search();
        assertThat(vm.hits()).hasSize(1);
        assertThat(vm.notice().get()).isEqualTo("No passage contains the keywords; these hits match by meaning only.");
        vm.mode().set(Mode.KEYWORD);
        vm.search();
        assertThat(vm.status().get()).isEqualTo("No passages match.");
        assertThat(vm.notice().get()).startsWith("No passage contains these keywords.");
        vm.mode().set(Mode.HYBRID);
        vm.query().set("\"late fee");
        vm.search();
        assertThat(vm.notice().get()).isEqualTo("The keywords could not be read as search syntax (a quotation mark is not closed),"
                + " so their words were searched as plain words.");
        vm.query().set("late fee");
        vm.search();
        assertThat(vm.notice().get()).isEmpty();
    }

    @Test
    void searchesWithTheModeAndFilterAndShowsHits() {
        List<Object[]> calls = new ArrayList<>();
        SearchViewModel vm = new SearchViewModel(TaskRunner.sameThread(), (q, m, k, f) -> {
            calls.add(new Object[] {q, m, k, f});
            return result(Mode.KEYWORD, List.of(hit("the <b>late</b> fee")));
        }, null, List::of, (d, p, s, e) -> {});
        vm.query().set("  late fee ");
        vm.mode().set(Mode.KEYWORD);
        vm.custodian().set(" Smith ");
        vm.search();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)[0]).isEqualTo("late fee");
        assertThat(calls.get(0)[1]).isEqualTo(Mode.KEYWORD);
        assertThat(((SearchFilter) calls.get(0)[3]).custodian()).isEqualTo("Smith");
        assertThat(vm.hits()).hasSize(1);
        assertThat(vm.status().get()).contains("1");
        assertThat(vm.searching().get()).isFalse();
    }

    @Test
    void anEmptyQuerySearchesNothing() {
        List<String> calls = new ArrayList<>();
        SearchViewModel vm = new SearchViewModel(TaskRunner.sameThread(), (q, m, k, f) -> {
            calls.add(q);
            return result(m, List.of());
        }, null, List::of, (d, p, s, e) -> {});
        vm.query().set("   ");
        vm.search();
        assertThat(calls).isEmpty();
        assertThat(vm.filter().isEmpty()).isTrue();
    }

    @Test
    void theTypeFilterNarrowsTheSearchToOneKindOfFile() {
        List<dev.quarry.retrieval.SearchFilter> filters = new ArrayList<>();
        SearchViewModel vm = new SearchViewModel(TaskRunner.sameThread(), (q, m, k, f) -> {
            filters.add(f);
            return result(m, List.of());
        }, null, List::of, (d, p, s, e) -> {});
        vm.setMediaTypeSource(() -> List.of("application/pdf", "message/rfc822"));
        vm.loadMediaTypes();
        assertThat(vm.mediaTypes()).containsExactly("application/pdf", "message/rfc822");
        vm.mediaType().set("message/rfc822");
        vm.query().set("indemnity");
        vm.search();
        assertThat(filters).singleElement().satisfies(f -> assertThat(f.mediaType()).isEqualTo("message/rfc822"));
        assertThat(dev.quarry.ui.common.Formats.mediaType("message/rfc822")).isEqualTo("E-mail");
    }

    @Test
    void aFailedSearchShowsOneSentence() {
        SearchViewModel vm = new SearchViewModel(TaskRunner.sameThread(), (q, m, k, f) -> {
            throw new QuarryException("The keyword query cannot be read.");
        }, null, List::of, (d, p, s, e) -> {});
        vm.query().set("\"open");
        vm.search();
        assertThat(vm.error().get().message()).isEqualTo("The keyword query cannot be read.");
        assertThat(vm.hits()).isEmpty();
    }

    @Test
    void snippetsBecomeBoldAndPlainRunsNeverHtml() {
        assertThat(SearchViewModel.runs("the <b>late</b>\n fee <b>due</b>")).containsExactly(
                new Run("the ", false), new Run("late", true), new Run(" fee ", false), new Run("due", true));
        assertThat(SearchViewModel.runs(hit(null))).containsExactly(new Run("the late fee is due", false));
        assertThat(SearchViewModel.runs("broken <b>tag")).containsExactly(new Run("broken ", false), new Run("tag", true));
    }

    @Test
    void documentOffsetsBecomePageOffsetsClippedToThePage() {
        PageRecord page2 = new PageRecord(3, 2, 100, "x".repeat(50), null, false, null);
        assertThat(PassageLocator.toPage(page2, 120, 130)).isEqualTo(new PassageLocator.PageSpan(3, 2, 20, 30));
        assertThat(PassageLocator.toPage(page2, 140, 200)).isEqualTo(new PassageLocator.PageSpan(3, 2, 40, 50));
        assertThat(PassageLocator.toPage(page2, 90, 110)).isEqualTo(new PassageLocator.PageSpan(3, 2, 0, 10));
        assertThat(PassageLocator.toPage(page2, 300, 310)).isEqualTo(new PassageLocator.PageSpan(3, 2, -1, -1));
    }
}
