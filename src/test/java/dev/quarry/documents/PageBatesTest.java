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
    void aTextIsSplitAtPageOfLinesWhenEveryPageHasOne() {
        String text = "Terms.\n  - Page 1 of 3 -\nMore terms.\nPage 2 of 3\nSignatures.\nPage 3 of 3\n";
        ParsedDocument d = ImportService.withPageBates(doc(text), opt("X1", "X2", "X3"));
        assertThat(d.pages()).extracting(ParsedPage::text)
                .containsExactly("Terms.\n  - Page 1 of 3 -", "More terms.\nPage 2 of 3", "Signatures.\nPage 3 of 3\n");
        assertThat(d.pages()).extracting(ParsedPage::bates).containsExactly("X1", "X2", "X3");
    }

    @Test
    void stampsThatAreMissingOutOfOrderOrInsideProseLeaveTheTextWhole() {
        List<String> bates = List.of("ABC0000010", "ABC0000011", "ABC0000012");
        String missing = "One.\nABC0000010\nTwo.\nABC0000012\n";
        String outOfOrder = "One.\nABC0000011\nTwo.\nABC0000010\nThree.\nABC0000012\n";
        String prose = "One.\nABC0000010\nAs the letter at ABC0000011 says, the parties agreed to the price.\nABC0000012\n";
        for (String text : List.of(missing, outOfOrder, prose)) {
            ParsedDocument d = ImportService.withPageBates(doc(text), opt(bates.toArray(String[]::new)));
            assertThat(d.pages()).as(text).extracting(ParsedPage::text).containsExactly(text);
            assertThat(d.pages()).extracting(ParsedPage::bates).containsExactly("ABC0000010\u2013ABC0000012");
        }
    }

    @Test
    void aBatesNumberIsWithinARangeOfItsPrefixAndWidth() {
        BatesNumber n = BatesNumber.parse(" ssc0000380 ").orElseThrow();
        assertThat(n.within("SSC0000001", "SSC0000400")).isTrue();
        assertThat(n.within("SSC0000380", null)).isTrue();
        assertThat(n.within("SSC0000001", "SSC0000076")).isFalse();
        assertThat(n.within("SSD0000001", "SSD0000400")).isFalse();
        assertThat(n.within("SSC00000001", "SSC00000400")).as("another width is another series").isFalse();
        assertThat(n.offsetFrom("SSC0000377")).isEqualTo(3);
        assertThat(BatesNumber.parse("lease")).isEmpty();
        assertThat(BatesNumber.parse("2019")).as("digits alone are not a Bates number").isEmpty();
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
