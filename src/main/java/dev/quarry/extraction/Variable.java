package dev.quarry.extraction;

import dev.quarry.evidence.ValueType;
import java.util.List;

/** A grid column: what to extract from each document. {@code position} is 1-based and unique within the grid. */
public record Variable(long id, long gridId, String name, ValueType type, String instructions, List<String> categories,
                       boolean allowMultiple, boolean allowOther, int position) {
    public Variable {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public VariableSpec spec() {
        return new VariableSpec(name, type, instructions, categories, allowMultiple, allowOther);
    }
}
