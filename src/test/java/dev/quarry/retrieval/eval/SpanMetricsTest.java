package dev.quarry.retrieval.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.retrieval.eval.SpanMetrics.Span;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SpanMetricsTest {

    @Test
    void precisionAndRecallCountCharactersAndMergeOverlappingChunks() {
        List<Span> gold = List.of(new Span("a.txt", 100, 200));
        // two overlapping chunks covering [50, 150) and a chunk in another file
        List<Span> got = List.of(new Span("a.txt", 50, 120), new Span("a.txt", 100, 150), new Span("b.txt", 0, 100));

        SpanMetrics.Score s = SpanMetrics.score(gold, got);

        assertThat(s.recall()).isCloseTo(0.5, Offset.offset(1e-9));            // 50 of 100 gold chars
        assertThat(s.precision()).isCloseTo(50.0 / 200, Offset.offset(1e-9));  // 100 + 100 retrieved chars
        assertThat(s.documentHit()).isTrue();
    }

    @Test
    void aMissIsZeroAndNotADocumentHit() {
        SpanMetrics.Score s = SpanMetrics.score(List.of(new Span("a.txt", 0, 10)), List.of(new Span("a2.txt", 0, 10)));
        assertThat(s.precision()).isZero();
        assertThat(s.recall()).isZero();
        assertThat(s.documentHit()).isFalse();
    }

    @Test
    void goldSpansInTwoFilesAreBothNeededForFullRecall() {
        List<Span> gold = List.of(new Span("a.txt", 0, 10), new Span("b.txt", 0, 30));
        assertThat(SpanMetrics.score(gold, List.of(new Span("b.txt", 0, 30))).recall()).isCloseTo(0.75, Offset.offset(1e-9));
    }
}
