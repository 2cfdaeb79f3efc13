package dev.quarry.qa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pieces of the citation check that decide what counts as being in a source. */
class CitationVerifierTest {
    static final String SOURCE = Terms.normalise("Section 4. Fees. The monthly service fee is US$12,500, payable within "
            + "thirty (30) days of each invoice. Late payments accrue interest at 1.50 percent per month.");

    @Test
    void figuresCompareWithoutSeparatorsAndTrailingZeros() {
        assertThat(CitationVerifier.missingNumber("The fee is $12500 and interest 1.5% a month, within 30 days.", SOURCE)).isNull();
        assertThat(CitationVerifier.missingNumber("The fee is $99,000.", SOURCE)).isEqualTo("99,000");
        assertThat(CitationVerifier.missingNumber("Interest is 2 percent.", SOURCE)).isEqualTo("2");
    }

    @Test
    void referencesToSourcesPagesAndCodesAreNotFigures() {
        assertThat(CitationVerifier.missingNumber("Source 2 and pages 7-9 say so (fees_2019.pdf, p. 3, ACME0000123).", SOURCE)).isNull();
        assertThat(CitationVerifier.missingNumber("Exhibit B2 and ACME0000123 say the fee is due.", SOURCE)).isNull();
    }

    @Test
    void anEllipsisSplitsAQuotationIntoPartsThatMustAppearInOrder() {
        assertThat(CitationVerifier.quoteParts("The monthly service fee … each invoice."))
                .containsExactly(Terms.normalise("The monthly service fee"), Terms.normalise("each invoice"));
        assertThat(CitationVerifier.quoteParts("fee is [...] payable")).hasSize(2);
        assertThat(CitationVerifier.quoteParts("fee is . . . payable")).hasSize(2);
    }

    @Test
    void unsupportedSentencesAreMarkedWhereTheyStand() {
        var claims = java.util.List.of(
                new Verification.Claim("The fee is $12,500 [1].", java.util.List.of(1), "supported", null),
                new Verification.Claim("It was waived [1].", java.util.List.of(1), "weak_support", "few words"));
        assertThat(CitationVerifier.markUnsupported("The fee is $12,500 [1]. It was waived [1].", claims))
                .isEqualTo("The fee is $12,500 [1]. It was waived [1]. [not verified]");
    }
}
