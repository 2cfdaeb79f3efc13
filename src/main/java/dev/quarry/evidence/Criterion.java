package dev.quarry.evidence;

import java.util.List;
import java.util.Objects;

/**
 * What to look for in a document: a grid variable, or one test of a discovery request ("has a non-compete
 * clause", "governed by Delaware law", "signed in 2019 or later").
 *
 * @param name         an identifier (a grid variable's name; a request's criterion label)
 * @param type         the kind of value wanted
 * @param instructions what the value is, in words; the offline extractor's queries and the model's prompt come from it
 * @param categories   the allowed values of a CATEGORY criterion (empty otherwise)
 * @param allowMultiple a CATEGORY value may hold several categories
 * @param allowOther   a CATEGORY value may be "other" when none fits
 * @param queries      search queries to find the passages; empty means the engine derives them from the instructions
 * @param examples     reviewed values (from feedback) that calibrate the offline deciders and go into the model's prompt
 */
public record Criterion(String name, ValueType type, String instructions, List<String> categories,
                        boolean allowMultiple, boolean allowOther, List<String> queries, List<Example> examples) {
    public Criterion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        instructions = instructions == null ? "" : instructions;
        categories = categories == null ? List.of() : List.copyOf(categories);
        queries = queries == null ? List.of() : List.copyOf(queries);
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** A criterion with no categories, no given queries and no examples. */
    public static Criterion of(String name, ValueType type, String instructions) {
        return new Criterion(name, type, instructions, List.of(), false, false, List.of(), List.of());
    }

    public Criterion withExamples(List<Example> more) {
        return new Criterion(name, type, instructions, categories, allowMultiple, allowOther, queries, more);
    }

    /**
     * A reviewed value: a reviewer marked a cell right or wrong, or gave the right value.
     *
     * @param value   the right value as normalised text ("" for not stated)
     * @param quote   the passage that shows it, when known
     * @param correct whether the extractor's value was right
     * @param comment the reviewer's words, if any
     */
    public record Example(String value, String quote, boolean correct, String comment) {}
}
