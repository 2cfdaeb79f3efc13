package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How ImportService lines up a load file's per-page Bates numbers with the pages an importer found. */
class PageBatesTest {
    private static ParsedDocument doc(String... pageTexts) {
        List<ParsedPage> pages = new java.util.ArrayList<>();
        for (int i = 0; i < pageTexts.length; i++) pages.add(ParsedPage.text(i + 1, pageTexts[i]));
        return ParsedDocument.completed("text/plain", pages);
    }

    private static Map<String, String> opt(String... bates) {
        return Map.of(Fields.PAGE_BATES, String.join("\n", bates));
    }

    @Test
    void matchingCountsAreAppliedPageForPage() {
        ParsedDocument d = ImportService.withPageBates(doc("one", "two"), opt("X1", "X2"));
        assertThat(d.pages()).extracting(ParsedPage::bates).containsExactly("X1", "X2");
    }

    @Test
    void oneTextPageIsSplitAtFormFeedsWhenTheyMatchTheOpt() {
        ParsedDocument d = ImportService.withPageBates(doc("one\ftwo\r\n\fthree\f\r\n"), opt("X1", "X2", "X3"));
        assertThat(d.pages()).extracting(ParsedPage::number).containsExactly(1, 2, 3);
        assertThat(d.pages()).extracting(ParsedPage::text).containsExactly("one", "two\r\n", "three\f\r\n");
        assertThat(d.pages()).extracting(ParsedPage::bates).containsExactly("X1", "X2", "X3");
    }

    @Test
    void formFeedsThatDoNotMatchLeaveThePageWholeWithTheRange() {
        ParsedDocument d = ImportService.withPageBates(doc("one\ftwo"), opt("X1", "X2", "X3"));
        assertThat(d.pages()).extracting(ParsedPage::text).containsExactly("one\ftwo");
        assertThat(d.pages()).extracting(ParsedPage::bates).containsExactly("X1\u2013X3");
    }

    @Test
    void mismatchedPagesKeepTheStampFoundOnThemElseTheRange() {
        ParsedDocument d = ImportService.withPageBates(doc("no stamp here", "Page body.\n\nACME000012"), opt("ACME000010", "ACME000011", "ACME000012"));
        assertThat(d.pages()).extracting(ParsedPage::bates)
                .containsExactly("ACME000010\u2013ACME000012", "ACME000012");
    }

    @Test
    void withoutALoadFileNothingChangesButDetectedStamps() {
        ParsedDocument plain = doc("nothing to see");
        assertThat(ImportService.withPageBates(plain, Map.of())).isSameAs(plain);
    }
}
