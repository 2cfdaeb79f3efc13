package dev.quarry.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatesRangesTest {
    @Test
    void consecutiveNumbersBecomeOneRange() {
        List<String> n = new ArrayList<>();
        for (int i = 1; i <= 24; i++) n.add(String.format("ABC%07d", i));
        assertThat(BatesRanges.condenseNumbers(n)).isEqualTo("ABC0000001\u2013ABC0000024");
    }

    @Test
    void touchingAndOverlappingRangesMergeAndOthersStayApart() {
        String s = BatesRanges.format(List.of(BatesRanges.range("SSC0000404", "SSC0000410"), BatesRanges.range("SSC0000411", "SSC0000415"),
                BatesRanges.range("SSC0000077", "SSC0000082"), BatesRanges.range("SSC0000080", "SSC0000081"), BatesRanges.range("GHH0000001", null),
                BatesRanges.range("SSC0000900", "SSC0000900")));
        assertThat(s).isEqualTo("GHH0000001, SSC0000077\u2013SSC0000082, SSC0000404\u2013SSC0000415, SSC0000900");
    }

    @Test
    void prefixesWithSeparatorsAndOddValues() {
        assertThat(BatesRanges.condenseNumbers(List.of("ABC-000010", "ABC-000011", "ABC-000013", "n/a"))).isEqualTo("ABC-000010\u2013ABC-000011, ABC-000013, n/a");
        assertThat(BatesRanges.range("ABC0001", "XYZ0002")).isNull();
    }
}
