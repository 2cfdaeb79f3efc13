package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatesDetectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ABC0001234|ABC0001234",
            "ABC-000123|ABC-000123",
            "PROD_000042|PROD_000042",
            "ACME_PROD_0000042|ACME_PROD_0000042",
            "DEF 000017|DEF 000017",
            "CONFIDENTIAL          ABC0001234|ABC0001234",
            "HIGHLY CONFIDENTIAL - ATTORNEYS' EYES ONLY   SMITH-0004521|SMITH-0004521",
            "ABC0001234   Page 3 of 10|ABC0001234",
            "GOOG-NE-00123456|GOOG-NE-00123456",
            "DOJ_0000123|DOJ_0000123",
            "X123456789|X123456789",
    })
    void findsCommonStampsOnTheLastLine(String stampLine, String expected) {
        String page = "Body text of the page.\nMore text here, with a number 42.\n" + stampLine + "\n";
        assertThat(BatesDetector.detect(page)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC0001234", "PROD_000042"})
    void findsStampsOnTheFirstLine(String stamp) {
        assertThat(BatesDetector.detect(stamp + "\nMEMORANDUM\nThe body.\nMore body.\nAnd more.\nThe end.")).isEqualTo(stamp);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Page 12 of 40",
            "Page 0012",
            "Case 1:13-cv-01234-ABC Document 12 Filed 01/02/13 Page 1 of 5",
            "Case No. 000123",
            "Boston, MA 02139",
            "Boston, MA 02139-4307",
            "Princeton, NJ 08540",
            "Tel 5551234567",
            "ISO 9001",
            "FY2020 results",
            "Dated: December 31, 2020",
            "EX-10.13",
            "Exhibit 10.1",
            "SECTION 1234",
            "Form 10-K 2021",
            "Q3 2023",
            "Copyright 2019",
            "CUSIP 000123456",
            "(212) 555-0123",
            "www.example.com",
            "[***]",
    })
    void ignoresOrdinaryFootersAndHeaders(String line) {
        String page = "Body text of the page.\nMore text here.\n" + line + "\n";
        assertThat(BatesDetector.detect(page)).as(line).isNull();
    }

    @org.junit.jupiter.api.Test
    void ignoresStampLikeTokensInTheMiddleOfAPage() {
        String page = "line 1\nline 2\nline 3\nthe reference ABC0001234 in the body\nline 5\nline 6\nline 7\n";
        assertThat(BatesDetector.detect(page)).isNull();
    }

    @org.junit.jupiter.api.Test
    void emptyPagesHaveNoStamp() {
        assertThat(BatesDetector.detect("")).isNull();
        assertThat(BatesDetector.detect("   \n ")).isNull();
        assertThat(BatesDetector.detectOnLine(null)).isNull();
    }

    @org.junit.jupiter.api.Test
    void detectsOnASingleMarginLine() {
        assertThat(BatesDetector.detectOnLine("  ABC-000123  ")).isEqualTo("ABC-000123");
        assertThat(BatesDetector.detectOnLine("Page 3 of 10")).isNull();
    }
}
