package dev.quarry.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.evidence.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 002's workflow and validation rules. */
class GridStatusTest {
    @Test
    void theWorkflowGoesForwardAsTheSeedSays() {
        assertThat(GridStatus.CREATED.canMoveTo(GridStatus.SCHEMA_DEFINED)).isTrue();
        assertThat(GridStatus.SCHEMA_DEFINED.canMoveTo(GridStatus.SAMPLE_TESTING)).isTrue();
        assertThat(GridStatus.SAMPLE_TESTING.canMoveTo(GridStatus.READY)).isTrue();
        assertThat(GridStatus.READY.canMoveTo(GridStatus.PROCESSING)).isTrue();
        assertThat(GridStatus.PROCESSING.canMoveTo(GridStatus.COMPLETE)).isTrue();
        assertThat(GridStatus.PROCESSING.canMoveTo(GridStatus.ERROR)).isTrue();
        assertThat(GridStatus.ERROR.canMoveTo(GridStatus.PROCESSING)).as("ERROR can retry").isTrue();
    }

    @Test
    void noStepIsSkipped() {
        assertThat(GridStatus.CREATED.canMoveTo(GridStatus.SAMPLE_TESTING)).isFalse();
        assertThat(GridStatus.CREATED.canMoveTo(GridStatus.PROCESSING)).isFalse();
        assertThat(GridStatus.SCHEMA_DEFINED.canMoveTo(GridStatus.PROCESSING)).as("a full run needs a sample first").isFalse();
        assertThat(GridStatus.SCHEMA_DEFINED.canStart(RunKind.FULL)).isFalse();
        assertThat(GridStatus.SCHEMA_DEFINED.canStart(RunKind.SAMPLE)).isTrue();
        assertThat(GridStatus.SAMPLE_TESTING.canStart(RunKind.FULL)).isTrue();
        assertThat(GridStatus.PROCESSING.canMoveTo(GridStatus.SAMPLE_TESTING)).isFalse();
        assertThat(GridStatus.COMPLETE.canMoveTo(GridStatus.ERROR)).isFalse();
        assertThatThrownBy(() -> GridStatus.SCHEMA_DEFINED.checkMove(GridStatus.PROCESSING, "run on all documents"))
                .isInstanceOf(QuarryException.class).hasMessageContaining("Run a sample first");
    }

    @Test
    void variablesFollowTheSeedsRules() {
        assertThat(spec("governing_law", ValueType.TEXT, "Which law governs it.").problems()).isEmpty();
        assertThat(spec("2nd_party", ValueType.TEXT, "Which law governs it.").problems()).singleElement().asString().contains("identifier");
        assertThat(spec("governing law", ValueType.TEXT, "Which law governs it.").problems()).singleElement().asString().contains("identifier");
        assertThat(spec("x".repeat(256), ValueType.TEXT, "Which law governs it.").problems()).singleElement().asString().contains("255");
        assertThat(spec("law", ValueType.TEXT, "too short").problems()).singleElement().asString().contains("10 to 5,000");
        assertThat(spec("law", ValueType.TEXT, "x".repeat(5001)).problems()).singleElement().asString().contains("10 to 5,000");
        assertThat(spec("law", ValueType.TEXT, "x".repeat(5000)).problems()).isEmpty();
        assertThat(spec("kind", ValueType.CATEGORY, "What kind of agreement it is.").problems()).singleElement().asString()
                .contains("needs its categories");
        assertThat(new VariableSpec("law", ValueType.TEXT, "Which law governs it.", List.of("a"), false, false).problems())
                .singleElement().asString().contains("only a CATEGORY");
        assertThat(new VariableSpec("kind", ValueType.CATEGORY, "What kind of agreement it is.", List.of("supply", "licence"), true, true)
                .problems()).isEmpty();
        assertThatThrownBy(() -> VariableSpec.validateAll(List.of(spec("law", ValueType.TEXT, "Which law governs it."),
                spec("LAW", ValueType.TEXT, "Which law governs it.")))).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> VariableSpec.validateAll(List.of())).hasMessageContaining("empty");
    }

    @Test
    void kappaAndSimilarityAreTheTextbookOnes() {
        // Two raters, 10 items: 7 agreements; marginals yes 6/5, no 4/5 -> pe = 0.6*0.5 + 0.4*0.5 = 0.5, kappa = 0.4.
        List<Agreement.Pair> pairs = new java.util.ArrayList<>();
        String[] a = {"yes", "yes", "yes", "yes", "yes", "yes", "no", "no", "no", "no"};
        String[] b = {"yes", "yes", "yes", "yes", "no", "no", "no", "no", "no", "yes"};
        for (int i = 0; i < a.length; i++) pairs.add(new Agreement.Pair(a[i], b[i]));
        assertThat(Agreement.kappa(pairs)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Agreement.kappa(List.of(new Agreement.Pair("Yes", "yes")))).isEqualTo(1.0);
        assertThat(Agreement.kappa(List.of())).isNaN();
        // difflib.SequenceMatcher(None, "camas", "camara").ratio() == 0.7272...
        assertThat(GridQuestions.similarity("camas", "camara")).isCloseTo(8.0 / 11, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(GridQuestions.similarity("abc", "xyz")).isZero();
    }

    private static VariableSpec spec(String name, ValueType t, String instructions) {
        return new VariableSpec(name, t, instructions, List.of(), false, false);
    }
}
