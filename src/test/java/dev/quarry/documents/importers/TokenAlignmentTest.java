package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenAlignmentTest {

    @Test
    void matchesTheTextbookLcs() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> a = randomTokens(r, 1 + r.nextInt(200));
            List<String> b = randomTokens(r, r.nextInt(200));
            assertThat(TokenAlignment.lcs(a, b)).as("round %d", round).isEqualTo(slowLcs(a, b));
        }
    }

    @Test
    void coverageIsTheShareOfReferenceTokensInOrder() {
        List<String> ref = TokenAlignment.tokens("The Licensor grants the Licensee a licence.");
        assertThat(TokenAlignment.coverage(ref, TokenAlignment.tokens("the licensor GRANTS the licensee a licence"))).isEqualTo(1.0);
        assertThat(TokenAlignment.coverage(ref, TokenAlignment.tokens("licence a licensee the grants licensor the"))).isLessThan(0.5);
        assertThat(TokenAlignment.coverage(ref, List.of())).isZero();
    }

    private static List<String> randomTokens(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("t" + r.nextInt(5));
        return out;
    }

    private static int slowLcs(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++)
            for (int j = 1; j <= b.size(); j++)
                d[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
        return d[a.size()][b.size()];
    }
}
