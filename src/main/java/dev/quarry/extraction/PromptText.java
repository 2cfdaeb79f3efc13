package dev.quarry.extraction;

import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.ValueType;
import java.util.List;

/**
 * Generates a prompt version's text from the grid and the variable (seed 002: prompts are generated, never
 * typed): the grid's domain and language, what the value is, its type and form, the categories, the reviewed
 * examples, and the strict JSON answer the model must give. The evidence engine sends the document's passages
 * with it; this text is what the codebook and the prompt history show.
 */
public final class PromptText {
    private PromptText() {}

    public static String generate(Grid grid, Variable v, String instructions, List<Criterion.Example> examples) {
        StringBuilder sb = new StringBuilder();
        sb.append("You extract one value from one document for a research dataset");
        if (grid.domain() != null && !grid.domain().isBlank()) sb.append(" in ").append(grid.domain().strip());
        sb.append(".\nVariable: ").append(v.name()).append(" (").append(v.type()).append(")\n");
        sb.append("Instructions: ").append(instructions.strip()).append('\n');
        sb.append("Form of the value: ").append(form(v)).append('\n');
        if (v.type() == ValueType.CATEGORY) {
            sb.append("Categories: ").append(String.join(" | ", v.categories()));
            if (v.allowMultiple()) sb.append(" (several may apply: join them with \"; \")");
            if (v.allowOther()) sb.append(" (\"other\" when none fits)");
            sb.append('\n');
        }
        if (grid.language() != null && !grid.language().isBlank() && !grid.language().equalsIgnoreCase("en")) {
            sb.append("The documents are in ").append(grid.language()).append("; answer the value in its normalised form.\n");
        }
        if (!examples.isEmpty()) {
            sb.append("Reviewed examples:\n");
            for (Criterion.Example e : examples) {
                sb.append("- ").append(e.correct() ? "right" : "wrong").append(": ")
                        .append(e.value() == null || e.value().isEmpty() ? "(not stated)" : e.value());
                if (e.quote() != null && !e.quote().isBlank()) sb.append(" — \"").append(clip(e.quote(), 300)).append('"');
                if (e.comment() != null && !e.comment().isBlank()) sb.append(" (reviewer: ").append(clip(e.comment(), 300)).append(')');
                sb.append('\n');
            }
        }
        sb.append("Use only the passages given. Answer with JSON only: {\"value\": ..., \"quote\": \"the exact words of the passage "
                + "that state it\", \"source\": passage number}. When the document does not state it, answer "
                + "{\"value\": null, \"quote\": null, \"source\": null}.");
        return sb.toString();
    }

    static String form(Variable v) {
        return switch (v.type()) {
            case DATE -> "an ISO 8601 date (yyyy-MM-dd)";
            case NUMBER -> "a number, with its unit or currency when the text gives one";
            case BOOLEAN -> "yes or no";
            case CATEGORY -> v.allowMultiple() ? "one or more of the categories" : "one of the categories";
            case TEXT -> "a short text as the document states it";
        };
    }

    private static String clip(String s, int max) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
