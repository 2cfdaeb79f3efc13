package dev.quarry.extraction;

import dev.quarry.evidence.Criterion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a variable's prompt: the instructions and reviewed examples a run decides with, the prompt
 * text generated from them, and the model settings. A run is pinned to the versions it started with.
 *
 * @param origin generated (version 1), refined_model (the model rewrote the instructions from feedback),
 *               refined_offline (the feedback became examples), edited (the user changed the instructions)
 */
public record PromptVersion(long id, long variableId, int version, String instructions, List<Criterion.Example> examples,
                            String promptText, Map<String, Object> modelConfig, String origin, String note,
                            Instant createdAt) {
    public PromptVersion {
        examples = examples == null ? List.of() : List.copyOf(examples);
        modelConfig = modelConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modelConfig));
    }

    /** The criterion the evidence engine is asked with: the variable's type and categories, this version's words and examples. */
    public Criterion criterion(Variable v) {
        return new Criterion(v.name(), v.type(), instructions, v.categories(), v.allowMultiple(), v.allowOther(), List.of(), examples);
    }
}
