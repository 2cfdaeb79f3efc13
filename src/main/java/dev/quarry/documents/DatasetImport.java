package dev.quarry.documents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Clock;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.JobRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * A dataset file as documents, one per row (issue 14 part 2, ADR 0014): CSV/TSV (Commons CSV), JSON Lines or a
 * JSON array of objects (Jackson), Parquet (DuckDB's JDBC driver, no Hadoop). The text column becomes the
 * document's text; the id column its file name; every other column a field of the document's source (keys
 * prefixed {@value #FIELD_PREFIX}) that a grid shows as a given column.
 *
 * <p>Planning only: each row's text is stored in the blob store and listed as a pending item of an ordinary
 * import job, so {@link ImportService#run} parses, chunks, stores and resumes it like any file, and a row whose
 * text is empty ends as a failed document that says so. Rows with the same text are one document with two
 * sources, as two copies of a file are.
 */
public final class DatasetImport {
    public static final String FIELD_PREFIX = "dataset.";

    public enum Format { CSV, JSONL, JSON, PARQUET }

    /**
     * @param textColumn  the column holding each row's text
     * @param idColumn    the column naming each row (its document's file name), or null for "<file>-row-<n>"
     * @param titleColumn a column kept as the document's title field, or null
     */
    public record Options(String textColumn, String idColumn, String titleColumn, String production) {}

    /** What was planned: the job to run, and the file's columns and rows. */
    public record Plan(long jobId, long productionId, Format format, List<String> columns, long rows, long emptyRows) {}

    private final Matter matter;
    private final ImportStore store;
    private final JobRepository jobs;

    public DatasetImport(Matter matter) {
        this.matter = matter;
        this.store = new ImportStore(matter.db());
        this.jobs = new JobRepository(matter.db());
    }

    public static Format formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) return Format.CSV;
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) return Format.JSONL;
        if (n.endsWith(".json")) return Format.JSON;
        if (n.endsWith(".parquet") || n.endsWith(".pq")) return Format.PARQUET;
        throw new QuarryException("Quarry reads rows from .csv, .tsv, .jsonl, .json and .parquet files, not " + file.getFileName() + ".");
    }

    /** Reads the file, stores each row's text, and creates the import job listing the rows. */
    public Plan plan(Path file, Options o) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) throw new QuarryException("There is no file " + abs + ".");
        if (abs.startsWith(matter.dir())) throw new QuarryException("Files inside the matter folder cannot be imported into it.");
        if (o.textColumn() == null || o.textColumn().isBlank()) throw new QuarryException("Name the text column (--text-column C).");
        Format format = formatOf(abs);
        Rows rows = read(abs, format);
        List<String> columns = rows.columns();
        requireColumn(columns, o.textColumn(), "text", abs);
        if (o.idColumn() != null) requireColumn(columns, o.idColumn(), "id", abs);
        if (o.titleColumn() != null) requireColumn(columns, o.titleColumn(), "title", abs);
        String stem = abs.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        List<ImportStore.NewItem> items = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        long n = 0;
        long empty = 0;
        try {
            for (Map<String, String> row : rows) {
                n++;
                String id = o.idColumn() == null ? stem + "-row-" + n : nonNull(row.get(o.idColumn())).strip();
                if (id.isEmpty()) throw new QuarryException("Row " + n + " of " + abs.getFileName() + " has no value in the id column '" + o.idColumn() + "'.");
                Integer before = seenIds.putIfAbsent(id, (int) n);
                if (before != null) {
                    throw new QuarryException("The id column '" + o.idColumn() + "' repeats the value '" + id + "' (rows " + before + " and " + n
                            + "); choose a column that names each row once.");
                }
                String text = nonNull(row.get(o.textColumn()));
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put(Fields.DISPLAY_NAME, id);
                for (Map.Entry<String, String> e : row.entrySet()) {
                    if (!e.getKey().equals(o.textColumn()) && e.getValue() != null) fields.put(FIELD_PREFIX + e.getKey(), e.getValue());
                }
                if (text.isBlank()) {
                    fields.put(Fields.FAILURE, "Row " + n + " has no text in column '" + o.textColumn() + "'.");
                    empty++;
                    // An empty row still needs content of its own, or every empty row would be one document.
                    text = "\u0000row " + n + " of " + abs;
                }
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                String sha = matter.blobs().put(new ByteArrayInputStream(bytes));
                String sourcePath = abs + "!row-" + n;
                items.add(new ImportStore.NewItem(sourcePath, null, sha, safeFileName(id) + ".txt", bytes.length, null, fields));
            }
        } catch (IOException e) {
            throw new QuarryException("The rows of " + abs + " could not be stored: " + e.getMessage(), e);
        }
        if (items.isEmpty()) throw new QuarryException(abs.getFileName() + " has no rows.");
        String name = o.production() != null && !o.production().isBlank() ? o.production().strip() : abs.getFileName().toString();
        long productionId = store.createProduction(name, "files", abs.toString());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("paths", List.of(abs.toString()));
        params.put("production", name);
        params.put("dataset", Map.of("format", format.name().toLowerCase(), "text_column", o.textColumn(),
                "id_column", o.idColumn() == null ? "" : o.idColumn(), "rows", n));
        long jobId = jobs.create(ImportService.JOB_KIND, Json.write(params), productionId);
        store.addItems(jobId, items);
        long total = n;
        matter.db().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO datasets (production_id, job_id, source_path, format, text_column, "
                    + "id_column, title_column, columns, row_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, productionId);
                ps.setLong(2, jobId);
                ps.setString(3, abs.toString());
                ps.setString(4, format.name().toLowerCase());
                ps.setString(5, o.textColumn());
                ps.setString(6, o.idColumn());
                ps.setString(7, o.titleColumn());
                ps.setString(8, Json.write(columns));
                ps.setLong(9, total);
                ps.setTimestamp(10, Timestamp.from(Clock.now()));
                return ps.executeUpdate();
            }
        });
        matter.audit().record("import.planned", "job", String.valueOf(jobId), Map.of("rows", n, "production", name, "dataset", format.name()));
        return new Plan(jobId, productionId, format, columns, n, empty);
    }

    private static void requireColumn(List<String> columns, String col, String what, Path file) {
        if (!columns.contains(col)) {
            throw new QuarryException("The " + what + " column '" + col + "' is not in " + file.getFileName() + "; its columns are "
                    + String.join(", ", columns) + ".");
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** A row id as a file name: path separators and control characters replaced. */
    static String safeFileName(String id) {
        String s = id.replaceAll("[/\\\\\\p{Cntrl}]", "_");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    // ------------------------------------------------------------------ readers

    /** A file's rows, each a map column → value (null for a missing or null value), in file order. */
    interface Rows extends Iterable<Map<String, String>> {
        List<String> columns();
    }

    static Rows read(Path file, Format format) {
        try {
            return switch (format) {
                case CSV -> csv(file);
                case JSONL -> jsonLines(file);
                case JSON -> jsonArray(file);
                case PARQUET -> parquet(file);
            };
        } catch (IOException e) {
            throw new QuarryException(file.getFileName() + " could not be read as " + format.name().toLowerCase() + ": " + e.getMessage(), e);
        }
    }

    private static Rows csv(Path file) throws IOException {
        boolean tsv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
        CSVFormat fmt = (tsv ? CSVFormat.TDF : CSVFormat.RFC4180).builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(false).build();
        List<String> columns;
        List<Map<String, String>> all = new ArrayList<>();
        try (Reader r = new java.io.InputStreamReader(BOMInputStream.builder().setPath(file).get(), StandardCharsets.UTF_8);
             CSVParser p = fmt.parse(r)) {
            columns = p.getHeaderNames();
            if (columns.isEmpty()) throw new IOException("it has no header row");
            for (CSVRecord rec : p) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String c : columns) row.put(c, rec.isSet(c) ? rec.get(c) : null);
                all.add(row);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("line " + e.getMessage(), e);
        }
        return rows(columns, all);
    }

    private static Rows jsonLines(Path file) throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (l.isBlank()) continue;
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(l);
            } catch (IOException e) {
                throw new IOException("line " + line + " is not JSON", e);
            }
            if (!n.isObject()) throw new IOException("line " + line + " is not a JSON object");
            all.add(object(n, columns));
        }
        return rows(List.copyOf(columns), all);
    }

    private static Rows jsonArray(Path file) throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("it is not a JSON array of objects (for one object per line, name it .jsonl)");
            }
            int i = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                i++;
                JsonNode n = Json.MAPPER.readTree(p);
                all.add(object(n, columns));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) throw new IOException("element " + (i + 1) + " is not a JSON object");
        }
        return rows(List.copyOf(columns), all);
    }

    private static Map<String, String> object(JsonNode n, LinkedHashSet<String> columns) {
        Map<String, String> row = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            columns.add(e.getKey());
            JsonNode v = e.getValue();
            row.put(e.getKey(), v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        }
        return row;
    }

    private static Rows parquet(Path file) throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                 PreparedStatement ps = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
                try (Statement s = c.createStatement()) {
                    // Nothing leaves the machine: no extension is fetched, no remote file is opened.
                    s.execute("SET autoinstall_known_extensions = false");
                    s.execute("SET autoload_known_extensions = false");
                }
                ps.setString(1, file.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
                    while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            Object v = rs.getObject(i);
                            row.put(columns.get(i - 1), v == null ? null : v.toString());
                        }
                        all.add(row);
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IOException("the Parquet reader (DuckDB) is missing from this build", e);
        } catch (SQLException e) {
            throw new IOException(String.valueOf(e.getMessage()).lines().findFirst().orElse("not a Parquet file"), e);
        }
        return rows(columns, all);
    }

    private static Rows rows(List<String> columns, List<Map<String, String>> all) {
        return new Rows() {
            @Override
            public List<String> columns() {
                return columns;
            }

            @Override
            public Iterator<Map<String, String>> iterator() {
                return all.iterator();
            }
        };
    }
}
