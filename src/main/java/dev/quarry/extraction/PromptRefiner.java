package dev.quarry.extraction;

import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmRequest;
import dev.quarry.llm.LlmResponse;
import java.util.List;
import java.util.Map;

/**
 * Asks the model, through the gateway (offline switch, redaction, budget and audit hold), to rewrite a variable's
 * instructions from the reviewer's verdicts. Only the instructions, the values and the reviewer's words are sent,
 * never a document's text beyond the quotes the cells already show.
 */
final class PromptRefiner {
    private PromptRefiner() {}

    /** The rewritten instructions, or null when the model's answer is not usable (empty, too short or too long). */
    static String rewrite(LlmGateway gateway, Grid grid, Variable v, PromptVersion last, List<Feedback> fresh, Map<Long, Cell> cells) {
        StringBuilder user = new StringBuilder();
        user.append("Variable: ").append(v.name()).append(" (").append(v.type()).append(")\n");
        if (!v.categories().isEmpty()) user.append("Categories: ").append(String.join(" | ", v.categories())).append('\n');
        user.append("Current instructions:\n").append(last.instructions()).append("\n\nReviewed cells:\n");
        for (Feedback f : fresh) {
            Cell c = cells.get(f.cellId());
            user.append("- extracted: ").append(c == null || c.value() == null || c.value().isEmpty() ? "(not stated)" : c.value());
            if (c != null && c.quote() != null) user.append(" from \"").append(clip(c.quote(), 300)).append('"');
            user.append(" — reviewer: ").append(f.correct() ? "right" : "wrong");
            if (f.correctedValue() != null) user.append(", the right value is ").append(f.correctedValue().isEmpty() ? "(not stated)" : f.correctedValue());
            if (f.comment() != null) user.append(", comment: ").append(clip(f.comment(), 500));
            user.append('\n');
        }
        user.append("\nRewrite the instructions so that an extractor gets these cells right and keeps the right ones right. "
                + "Answer with the new instructions only: plain text, 10 to 5,000 characters, no preamble.");
        LlmRequest req = new LlmRequest("You refine extraction instructions for a research coding scheme.", user.toString(), 800, 0.0,
                List.of(), "extraction.refine", String.valueOf(grid.id()), false);
        LlmResponse r = gateway.complete(req);
        String text = r.text() == null ? "" : r.text().strip();
        if (text.startsWith("```")) text = text.replaceAll("^```[a-z]*\\s*|\\s*```$", "").strip();
        if (text.length() < VariableSpec.MIN_INSTRUCTIONS || text.length() > VariableSpec.MAX_INSTRUCTIONS) return null;
        return text;
    }

    private static String clip(String s, int max) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
