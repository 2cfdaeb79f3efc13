package dev.quarry.extraction;

import dev.quarry.evidence.ValueType;
import dev.quarry.export.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grid as the export package's tables: CSV long (one row per document and variable), CSV wide (one row per
 * document, one column per variable, optionally {@code <var>_confidence} and {@code <var>_quote}), and the XLSX
 * workbook's sheets Data (wide, typed), Codebook and Quality. Values are the normalised ones: dates ISO 8601,
 * BOOLEAN yes/no, empty for "not stated".
 */
public final class GridExport {
    public static final List<String> LONG_COLUMNS = List.of("file_name", "document_id", "variable", "value", "confidence", "quote",
            "page", "start_char", "end_char", "prompt_version", "method", "status", "reviewed");

    private GridExport() {}

    public static Table longTable(GridTable t) {
        List<Table.Column> cols = List.of(col("file_name", Table.Type.TEXT), col("document_id", Table.Type.NUMBER),
                col("variable", Table.Type.TEXT), col("value", Table.Type.TEXT), col("confidence", Table.Type.NUMBER),
                col("quote", Table.Type.TEXT), col("page", Table.Type.NUMBER), col("start_char", Table.Type.NUMBER),
                col("end_char", Table.Type.NUMBER), col("prompt_version", Table.Type.NUMBER), col("method", Table.Type.TEXT),
                col("status", Table.Type.TEXT), col("reviewed", Table.Type.BOOLEAN));
        List<List<Object>> rows = new ArrayList<>();
        for (GridTable.Row r : t.rows()) {
            for (GridTable.Entry e : r.entries()) {
                if (e.cell() == null && e.override() == null) continue;
                Cell c = e.cell();
                List<Object> row = new ArrayList<>();
                row.add(r.document().fileName());
                row.add(r.document().id());
                row.add(e.variable().name());
                row.add(e.value() == null ? "" : e.value());
                row.add(round(e.confidence()));
                row.add(e.override() != null || c == null ? null : c.quote());
                row.add(e.override() != null || c == null ? null : c.page());
                row.add(e.override() != null || c == null ? null : c.startChar());
                row.add(e.override() != null || c == null ? null : c.endChar());
                row.add(c == null ? null : c.promptVersion());
                row.add(e.override() != null ? "reviewer" : c.method());
                row.add(e.status());
                row.add(e.reviewed());
                rows.add(row);
            }
        }
        return new Table("Long", cols, rows);
    }

    /**
     * One row per document. {@code typed} makes values typed (dates, numbers, booleans) for XLSX; CSV gets the same
     * normalised text either way.
     */
    public static Table wideTable(GridTable t, boolean withConfidence, boolean withQuote, boolean typed) {
        List<Table.Column> cols = new ArrayList<>();
        cols.add(col("document_id", Table.Type.NUMBER));
        cols.add(col("file_name", Table.Type.TEXT));
        for (String g : t.grid().givenColumns()) cols.add(col(g, Table.Type.TEXT));
        for (Variable v : t.variables()) {
            cols.add(col(v.name(), typed ? type(v.type()) : Table.Type.TEXT));
            if (withConfidence) cols.add(col(v.name() + "_confidence", Table.Type.NUMBER));
            if (withQuote) cols.add(col(v.name() + "_quote", Table.Type.TEXT));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (GridTable.Row r : t.rows()) {
            List<Object> row = new ArrayList<>();
            row.add(r.document().id());
            row.add(r.document().fileName());
            for (String g : t.grid().givenColumns()) row.add(r.document().fields().get(g));
            for (GridTable.Entry e : r.entries()) {
                String value = e.value();
                row.add(typed ? typedValue(e.variable().type(), value) : value == null ? "" : value);
                if (withConfidence) row.add(round(e.confidence()));
                if (withQuote) row.add(e.override() != null || e.cell() == null ? null : e.cell().quote());
            }
            rows.add(row);
        }
        return new Table("Data", cols, rows);
    }

    /** Codebook: variable, type, instructions, categories, prompt version and text, model. */
    public static Table codebook(GridTable t) {
        List<Table.Column> cols = List.of(col("variable", Table.Type.TEXT), col("type", Table.Type.TEXT), col("instructions", Table.Type.TEXT),
                col("categories", Table.Type.TEXT), col("allow_multiple", Table.Type.BOOLEAN), col("allow_other", Table.Type.BOOLEAN),
                col("prompt_version", Table.Type.NUMBER), col("prompt_text", Table.Type.TEXT), col("model", Table.Type.TEXT),
                col("values", Table.Type.TEXT));
        List<List<Object>> rows = new ArrayList<>();
        for (Variable v : t.variables()) {
            PromptVersion p = t.latestPrompt(v);
            Object model = p == null ? null : p.modelConfig().get("model");
            rows.add(new ArrayList<>(List.of(v.name(), v.type().name(), v.instructions(), String.join("; ", v.categories()),
                    v.allowMultiple(), v.allowOther(), p == null ? 0 : p.version(), p == null ? "" : p.promptText(),
                    model == null ? "offline (typed parsers)" : model.toString(), valuesNote(v))));
        }
        return new Table("Codebook", cols, rows);
    }

    /** Quality per variable: coverage, mean confidence, share below the threshold, kappa against reviewed cells, overrides. */
    public static Table quality(GridTable t) {
        List<Table.Column> cols = List.of(col("variable", Table.Type.TEXT), col("documents", Table.Type.NUMBER),
                col("cells", Table.Type.NUMBER), col("coverage", Table.Type.NUMBER), col("mean_confidence", Table.Type.NUMBER),
                col("below_threshold", Table.Type.NUMBER), col("threshold", Table.Type.NUMBER), col("reviewed", Table.Type.NUMBER),
                col("kappa", Table.Type.NUMBER), col("agreement", Table.Type.NUMBER), col("overrides", Table.Type.NUMBER),
                col("errors", Table.Type.NUMBER), col("unverified_quotes", Table.Type.NUMBER));
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<Variable, Stats> s : stats(t).entrySet()) {
            Stats x = s.getValue();
            List<Object> row = new ArrayList<>();
            row.add(s.getKey().name());
            row.add(x.documents);
            row.add(x.cells);
            row.add(round(x.documents == 0 ? null : x.withValue / (double) x.documents));
            row.add(round(x.cells == 0 ? null : x.confidenceSum / x.cells));
            row.add(round(x.cells == 0 ? null : x.below / (double) x.cells));
            row.add(t.grid().confidenceThreshold());
            row.add(x.pairs.size());
            double k = Agreement.kappa(x.pairs);
            row.add(Double.isNaN(k) ? null : round(k));
            double a = Agreement.share(x.pairs);
            row.add(Double.isNaN(a) ? null : round(a));
            row.add(x.overrides);
            row.add(x.errors);
            row.add(x.unverified);
            rows.add(row);
        }
        return new Table("Quality", cols, rows);
    }

    /** Per-variable figures the Quality sheet and `grid show` report. */
    public static final class Stats {
        public long documents;
        public long cells;
        public long withValue;
        public double confidenceSum;
        public long below;
        public long overrides;
        public long errors;
        public long unverified;
        public final List<Agreement.Pair> pairs = new ArrayList<>();
    }

    public static Map<Variable, Stats> stats(GridTable t) {
        Map<Variable, Stats> out = new java.util.LinkedHashMap<>();
        for (Variable v : t.variables()) out.put(v, new Stats());
        for (GridTable.Row r : t.rows()) {
            for (GridTable.Entry e : r.entries()) {
                Stats s = out.get(e.variable());
                s.documents++;
                if (e.hasValue()) s.withValue++;
                if (e.override() != null) s.overrides++;
                Cell c = e.cell();
                if (c == null) continue;
                if (c.isError()) {
                    s.errors++;
                    continue;
                }
                s.cells++;
                double conf = c.confidence() == null ? 0 : c.confidence();
                s.confidenceSum += conf;
                if (conf < t.grid().confidenceThreshold()) s.below++;
                if (c.quote() != null && !c.quoteVerified()) s.unverified++;
                String truth = e.reviewedValue();
                if (truth != null) s.pairs.add(new Agreement.Pair(c.value(), truth));
            }
        }
        return out;
    }

    static Table.Type type(ValueType t) {
        return switch (t) {
            case DATE -> Table.Type.DATE;
            case NUMBER -> Table.Type.NUMBER;
            case BOOLEAN -> Table.Type.BOOLEAN;
            default -> Table.Type.TEXT;
        };
    }

    /** A normalised value as a typed one: an ISO date, a number, yes/no; what does not parse stays text, "" stays empty. */
    static Object typedValue(ValueType type, String v) {
        if (v == null || v.isEmpty()) return null;
        switch (type) {
            case DATE -> {
                try {
                    return LocalDate.parse(v.strip());
                } catch (DateTimeParseException e) {
                    return v;
                }
            }
            case NUMBER -> {
                try {
                    return new BigDecimal(v.strip().replace(",", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            case BOOLEAN -> {
                String k = Agreement.key(v);
                if (k.equals("yes") || k.equals("true")) return Boolean.TRUE;
                if (k.equals("no") || k.equals("false")) return Boolean.FALSE;
                return v;
            }
            default -> {
                return v;
            }
        }
    }

    private static String valuesNote(Variable v) {
        return switch (v.type()) {
            case DATE -> "ISO 8601 date (yyyy-mm-dd); empty: not stated";
            case NUMBER -> "number; empty: not stated";
            case BOOLEAN -> "yes / no; empty: not stated";
            case CATEGORY -> "one of the categories" + (v.allowMultiple() ? " (several joined by \"; \")" : "")
                    + (v.allowOther() ? ", or other" : "") + "; empty: not stated";
            case TEXT -> "text as stated; empty: not stated";
        };
    }

    private static Table.Column col(String name, Table.Type type) {
        return new Table.Column(name, type);
    }

    private static Double round(Double d) {
        return d == null || d.isNaN() ? null : Math.round(d * 10000) / 10000.0;
    }
}
