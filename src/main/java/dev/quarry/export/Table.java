package dev.quarry.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rectangular dataset to write: named, typed columns and rows of values. Values are {@link String},
 * {@link Number}, {@link java.time.LocalDate}, {@link Boolean} or null (an empty cell); a value that does not
 * fit its column's type is written as text. Knows no feature: grids, deficiency reports and letters build one.
 */
public record Table(String name, List<Column> columns, List<List<Object>> rows) {
    public enum Type { TEXT, NUMBER, DATE, BOOLEAN }

    public record Column(String name, Type type) {
        public Column {
            Objects.requireNonNull(name, "name");
            type = type == null ? Type.TEXT : type;
        }
    }

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("A row of " + name + " has " + r.size() + " values for " + columns.size() + " columns");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = java.util.Collections.unmodifiableList(copy);
    }

    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }
}
