package dev.quarry.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The grid as shown, asked and exported: one row per document, one entry per variable. An entry's value is the
 * reviewer's override when there is one, else the newest cell's; it keeps the cell (quote, page, span, prompt
 * version) and the newest feedback on that cell.
 */
public record GridTable(Grid grid, List<Variable> variables, List<Row> rows, Map<Long, List<PromptVersion>> prompts) {

    public record Row(GridDocument document, List<Entry> entries) {
        public Entry entry(String variable) {
            for (Entry e : entries) if (e.variable().name().equalsIgnoreCase(variable)) return e;
            return null;
        }
    }

    /** One cell of the table. {@code cell} is null when no run has reached it yet. */
    public record Entry(Variable variable, Cell cell, CellOverride override, Feedback feedback) {
        /** What the grid shows and exports: the override, else the cell's normalised value ("" for not stated, null if none). */
        public String value() {
            if (override != null) return override.value();
            if (cell == null || cell.isError()) return null;
            return cell.value() == null ? "" : cell.value();
        }

        public boolean hasValue() {
            String v = value();
            return v != null && !v.isEmpty();
        }

        public Double confidence() {
            if (override != null) return 1.0;
            return cell == null ? null : cell.confidence();
        }

        /** A reviewer has looked at this document and variable: an override, or a verdict on one of its cells. */
        public boolean reviewed() {
            return override != null || feedback != null;
        }

        /** The value a reviewer says is right, when known: the override, a corrected value, or the cell's value marked right. */
        public String reviewedValue() {
            if (override != null) return override.value();
            if (feedback == null) return null;
            if (feedback.correctedValue() != null) return feedback.correctedValue();
            return feedback.correct() ? (feedback.markedValue() == null ? "" : feedback.markedValue()) : null;
        }

        public String status() {
            if (override != null) return "overridden";
            return cell == null ? "pending" : cell.status();
        }
    }

    public static GridTable build(Grid grid, List<Variable> variables, List<GridDocument> documents, List<Cell> cells,
                                  List<CellOverride> overrides, List<Feedback> feedback, Function<Long, List<PromptVersion>> prompts) {
        Map<String, Cell> byKey = new HashMap<>();
        for (Cell c : cells) byKey.put(c.documentId() + ":" + c.variableId(), c);
        Map<String, CellOverride> over = new HashMap<>();
        for (CellOverride o : overrides) over.put(o.documentId() + ":" + o.variableId(), o);
        // The newest verdict on each document and variable, whichever run's cell it was given on.
        Map<String, Feedback> lastFeedback = new HashMap<>();
        for (Feedback f : feedback) lastFeedback.put(f.documentId() + ":" + f.variableId(), f);
        List<Row> rows = new ArrayList<>(documents.size());
        for (GridDocument d : documents) {
            List<Entry> entries = new ArrayList<>(variables.size());
            for (Variable v : variables) {
                String key = d.id() + ":" + v.id();
                Cell c = byKey.get(key);
                entries.add(new Entry(v, c, over.get(key), lastFeedback.get(key)));
            }
            rows.add(new Row(d, entries));
        }
        Map<Long, List<PromptVersion>> ps = new LinkedHashMap<>();
        for (Variable v : variables) ps.put(v.id(), prompts.apply(v.id()));
        return new GridTable(grid, variables, rows, ps);
    }

    public PromptVersion latestPrompt(Variable v) {
        List<PromptVersion> p = prompts.getOrDefault(v.id(), List.of());
        return p.isEmpty() ? null : p.get(p.size() - 1);
    }

    public long cellsDone() {
        return rows.stream().flatMap(r -> r.entries().stream()).filter(e -> e.cell() != null).count();
    }
}
