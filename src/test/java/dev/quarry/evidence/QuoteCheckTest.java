package dev.quarry.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteCheckTest {
    private static final String TEXT = "13.2  Governing Law.\nThis Agreement shall be governed by the laws of the\n"
            + "State of “New York”, without regard to its conflict-of-laws rules.";

    @Test
    void locatesAQuoteAcrossLineBreaksCaseAndTypographicQuotes() {
        var span = QuoteCheck.locate(TEXT, "this agreement shall be governed by the laws of the state of \"New York\"");
        assertThat(span).isPresent();
        assertThat(TEXT.substring(span.get().start(), span.get().end()))
                .isEqualTo("This Agreement shall be governed by the laws of the\nState of “New York”");
    }

    @Test
    void anElisionNeedsEveryPartInOrder() {
        assertThat(QuoteCheck.contains(TEXT, "governed by the laws … without regard")).isTrue();
        assertThat(QuoteCheck.contains(TEXT, "without regard … governed by the laws")).isFalse();
        var span = QuoteCheck.locate(TEXT, "Governing Law. ... conflict-of-laws rules.").orElseThrow();
        assertThat(TEXT.substring(span.start(), span.end())).startsWith("Governing Law").endsWith("conflict-of-laws rules");
    }

    @Test
    void aQuoteThatIsNotThereOrIsBlankIsNeverLocated() {
        assertThat(QuoteCheck.locate(TEXT, "governed by the laws of Delaware")).isEmpty();
        assertThat(QuoteCheck.locate(TEXT, "  ")).isEmpty();
        assertThat(QuoteCheck.locate(TEXT, "...")).isEmpty();
        assertThat(QuoteCheck.locate(null, "law")).isEmpty();
    }

    @Test
    void normaliseFoldsWhitespaceQuotesAndDashes() {
        assertThat(QuoteCheck.normalise("  A\u00a0“B” —\n c  ")).isEqualTo("a \"b\" - c");
    }
}
