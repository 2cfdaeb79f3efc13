package dev.quarry.extraction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.core.SqlIn;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.ValueType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every SQL statement about grids: grids, variables, prompt versions, runs, cells, feedback, overrides, logs. */
public final class GridRepository {
    /** Dataset fields are stored on the document's source with this prefix (documents.DatasetImport). */
    public static final String FIELD_PREFIX = dev.quarry.documents.DatasetImport.FIELD_PREFIX;

    private final Database db;

    public GridRepository(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    // ------------------------------------------------------------------ grids

    public long createGrid(Connection c, String name, String domain, String language, DocumentSet set, List<String> given,
                           double threshold) throws SQLException {
        Timestamp now = Timestamp.from(Clock.now());
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grids (name, domain, language, status, document_set, "
                + "production_id, given_columns, confidence_threshold, created_at, updated_at) VALUES (?, ?, ?, 'CREATED', ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, domain);
            ps.setString(3, language);
            ps.setString(4, set.kind().db());
            if (set.productionId() == null) ps.setNull(5, Types.BIGINT); else ps.setLong(5, set.productionId());
            ps.setString(6, Json.write(given == null ? List.of() : given));
            ps.setDouble(7, threshold);
            ps.setTimestamp(8, now);
            ps.setTimestamp(9, now);
            ps.executeUpdate();
            id = key(ps);
        }
        if (set.kind() == DocumentSet.Kind.LIST) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_documents (grid_id, document_id, position) VALUES (?, ?, ?)")) {
                int pos = 1;
                for (long doc : set.documentIds()) {
                    ps.setLong(1, id);
                    ps.setLong(2, doc);
                    ps.setInt(3, pos++);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return id;
    }

    public Optional<Grid> grid(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grids WHERE id = ?")) {
                ps.setLong(1, id);
                List<Grid> g = readGrids(ps);
                return g.stream().findFirst();
            }
        });
    }

    public List<Grid> grids() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grids ORDER BY id")) {
                return readGrids(ps);
            }
        });
    }

    public List<Grid> gridsNamed(String name) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grids WHERE LOWER(name) = LOWER(?) ORDER BY id")) {
                ps.setString(1, name);
                return readGrids(ps);
            }
        });
    }

    public void setStatus(long gridId, GridStatus status) {
        db.withConnection(c -> setStatus(c, gridId, status));
    }

    public int setStatus(Connection c, long gridId, GridStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE grids SET status = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(Clock.now()));
            ps.setLong(3, gridId);
            return ps.executeUpdate();
        }
    }

    public void setThreshold(long gridId, double threshold) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE grids SET confidence_threshold = ? WHERE id = ?")) {
                ps.setDouble(1, threshold);
                ps.setLong(2, gridId);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Grid> readGrids(PreparedStatement ps) throws SQLException {
        List<Grid> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long prod = rs.getLong("production_id");
                Long productionId = rs.wasNull() ? null : prod;
                out.add(new Grid(rs.getLong("id"), rs.getString("name"), rs.getString("domain"), rs.getString("language"),
                        GridStatus.valueOf(rs.getString("status")), DocumentSet.Kind.of(rs.getString("document_set")), productionId,
                        readList(rs.getString("given_columns")), rs.getDouble("confidence_threshold"), instant(rs, "created_at"),
                        instant(rs, "updated_at")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ documents

    /** The grid's documents (completed ones: only they have text), in the grid's order. */
    public List<GridDocument> documents(Grid grid) {
        String sql = switch (grid.documentSet()) {
            case ALL -> "SELECT d.id, d.file_name, d.production_id FROM documents d WHERE d.status = 'completed' ORDER BY d.id";
            case PRODUCTION -> "SELECT d.id, d.file_name, d.production_id FROM documents d WHERE d.status = 'completed' "
                    + "AND d.production_id = ? ORDER BY d.id";
            case LIST -> "SELECT d.id, d.file_name, d.production_id FROM grid_documents g JOIN documents d ON d.id = g.document_id "
                    + "WHERE g.grid_id = ? AND d.status = 'completed' ORDER BY g.position";
        };
        List<GridDocument> docs = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (grid.documentSet() == DocumentSet.Kind.PRODUCTION) ps.setLong(1, grid.productionId());
                if (grid.documentSet() == DocumentSet.Kind.LIST) ps.setLong(1, grid.id());
                return readDocs(ps);
            }
        });
        return withFields(docs);
    }

    /** Documents by id (any status), with their dataset fields, in the order given. */
    public List<GridDocument> documentsById(List<Long> ids) {
        Map<Long, GridDocument> byId = new HashMap<>();
        SqlIn.forEachRow(db, "SELECT d.id, d.file_name, d.production_id FROM documents d WHERE d.id IN (", List.of(), ids, rs -> {
            long prod = rs.getLong(3);
            byId.put(rs.getLong(1), new GridDocument(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : prod, Map.of()));
        });
        List<GridDocument> out = new ArrayList<>();
        for (long id : ids) if (byId.containsKey(id)) out.add(byId.get(id));
        return withFields(out);
    }

    /** Completed documents whose file name is one of {@code names}: name → ids (a name may be shared). */
    public Map<String, List<Long>> documentIdsByName(java.util.Collection<String> names) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(names));
        for (int i = 0; i < all.size(); i += SqlIn.BATCH) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + SqlIn.BATCH));
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT file_name, id FROM documents WHERE status = 'completed' "
                        + "AND file_name IN (" + SqlIn.placeholders(batch.size()) + ") ORDER BY id")) {
                    for (int p = 0; p < batch.size(); p++) ps.setString(p + 1, batch.get(p));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** The dataset field names the documents of a production have (from DatasetImport), in file order. */
    public List<String> datasetColumns(Long productionId) {
        return db.withConnection(c -> {
            String sql = "SELECT columns, text_column FROM datasets" + (productionId == null ? "" : " WHERE production_id = ?") + " ORDER BY id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (productionId != null) ps.setLong(1, productionId);
                java.util.LinkedHashSet<String> cols = new java.util.LinkedHashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (String col : readList(rs.getString(1))) if (!col.equals(rs.getString(2))) cols.add(col);
                    }
                }
                return List.copyOf(cols);
            }
        });
    }

    private List<GridDocument> withFields(List<GridDocument> docs) {
        if (docs.isEmpty()) return docs;
        Map<Long, Map<String, String>> fields = new HashMap<>();
        SqlIn.forEachRow(db, "SELECT document_id, fields FROM document_sources WHERE fields LIKE '%\"" + FIELD_PREFIX
                + "%' AND document_id IN (", List.of(), docs.stream().map(GridDocument::id).toList(), rs -> {
            if (fields.containsKey(rs.getLong(1))) return;
            Map<String, String> mine = new LinkedHashMap<>();
            Json.readStringMap(rs.getString(2)).forEach((k, v) -> {
                if (k.startsWith(FIELD_PREFIX)) mine.put(k.substring(FIELD_PREFIX.length()), v);
            });
            fields.put(rs.getLong(1), mine);
        });
        return docs.stream().map(d -> new GridDocument(d.id(), d.fileName(), d.productionId(), fields.getOrDefault(d.id(), Map.of()))).toList();
    }

    private static List<GridDocument> readDocs(PreparedStatement ps) throws SQLException {
        List<GridDocument> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long prod = rs.getLong(3);
                out.add(new GridDocument(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : prod, Map.of()));
            }
        }
        return out;
    }

    public Optional<Long> productionByName(String name) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM productions WHERE name = ? OR CAST(id AS VARCHAR) = ? ORDER BY id")) {
                ps.setString(1, name);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    // ------------------------------------------------------------------ variables and prompts

    public long addVariable(Connection c, long gridId, VariableSpec s, int position) throws SQLException {
        Timestamp now = Timestamp.from(Clock.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_variables (grid_id, name, type, instructions, categories, "
                + "allow_multiple, allow_other, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, gridId);
            ps.setString(2, s.name());
            ps.setString(3, s.type().name());
            ps.setString(4, s.instructions());
            ps.setString(5, s.categories().isEmpty() ? null : Json.write(s.categories()));
            ps.setBoolean(6, s.allowMultiple());
            ps.setBoolean(7, s.allowOther());
            ps.setInt(8, position);
            ps.setTimestamp(9, now);
            ps.setTimestamp(10, now);
            ps.executeUpdate();
            return key(ps);
        }
    }

    public void updateVariable(Connection c, long variableId, VariableSpec s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE grid_variables SET name = ?, type = ?, instructions = ?, categories = ?, "
                + "allow_multiple = ?, allow_other = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, s.name());
            ps.setString(2, s.type().name());
            ps.setString(3, s.instructions());
            ps.setString(4, s.categories().isEmpty() ? null : Json.write(s.categories()));
            ps.setBoolean(5, s.allowMultiple());
            ps.setBoolean(6, s.allowOther());
            ps.setTimestamp(7, Timestamp.from(Clock.now()));
            ps.setLong(8, variableId);
            ps.executeUpdate();
        }
    }

    public List<Variable> variables(long gridId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_variables WHERE grid_id = ? ORDER BY position")) {
                ps.setLong(1, gridId);
                List<Variable> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Variable(rs.getLong("id"), rs.getLong("grid_id"), rs.getString("name"),
                                ValueType.valueOf(rs.getString("type")), rs.getString("instructions"), readList(rs.getString("categories")),
                                rs.getBoolean("allow_multiple"), rs.getBoolean("allow_other"), rs.getInt("position")));
                    }
                }
                return out;
            }
        });
    }

    public long addPrompt(Connection c, long variableId, int version, String instructions, List<Criterion.Example> examples,
                          String text, Map<String, Object> modelConfig, String origin, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_prompts (variable_id, version, instructions, examples, prompt_text, "
                + "model_config, origin, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, variableId);
            ps.setInt(2, version);
            ps.setString(3, instructions);
            ps.setString(4, Json.write(examples));
            ps.setString(5, text.length() > 20000 ? text.substring(0, 20000) : text);
            ps.setString(6, Json.write(modelConfig));
            ps.setString(7, origin);
            ps.setString(8, note);
            ps.setTimestamp(9, Timestamp.from(Clock.now()));
            ps.executeUpdate();
            return key(ps);
        }
    }

    /** Every prompt version of a variable, oldest first. */
    public List<PromptVersion> prompts(long variableId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_prompts WHERE variable_id = ? ORDER BY version")) {
                ps.setLong(1, variableId);
                return readPrompts(ps);
            }
        });
    }

    public Optional<PromptVersion> latestPrompt(long variableId) {
        List<PromptVersion> all = prompts(variableId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<PromptVersion> prompt(long promptId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_prompts WHERE id = ?")) {
                ps.setLong(1, promptId);
                return readPrompts(ps).stream().findFirst();
            }
        });
    }

    private static List<PromptVersion> readPrompts(PreparedStatement ps) throws SQLException {
        List<PromptVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new PromptVersion(rs.getLong("id"), rs.getLong("variable_id"), rs.getInt("version"), rs.getString("instructions"),
                        read(rs.getString("examples"), new TypeReference<List<Criterion.Example>>() {}, List.of()),
                        rs.getString("prompt_text"), read(rs.getString("model_config"), new TypeReference<Map<String, Object>>() {}, Map.of()),
                        rs.getString("origin"), rs.getString("note"), instant(rs, "created_at")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ runs

    public long createRun(Connection c, long gridId, long jobId, RunKind kind, Evidence.Mode mode, String model, Long seed,
                          Map<Long, Long> prompts, List<Long> documentIds, long cellsTotal) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_runs (grid_id, job_id, kind, mode, model, seed, prompts, "
                + "cells_total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, gridId);
            ps.setLong(2, jobId);
            ps.setString(3, kind.name());
            ps.setString(4, mode.name());
            ps.setString(5, model);
            if (seed == null) ps.setNull(6, Types.BIGINT); else ps.setLong(6, seed);
            Map<String, Long> p = new LinkedHashMap<>();
            prompts.forEach((k, v) -> p.put(String.valueOf(k), v));
            ps.setString(7, Json.write(p));
            ps.setLong(8, cellsTotal);
            ps.setTimestamp(9, Timestamp.from(Clock.now()));
            ps.executeUpdate();
            id = key(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_run_documents (run_id, document_id, position) VALUES (?, ?, ?)")) {
            int pos = 1;
            for (long doc : documentIds) {
                ps.setLong(1, id);
                ps.setLong(2, doc);
                ps.setInt(3, pos++);
                ps.addBatch();
                if (pos % 500 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    private static final String RUN_SELECT = "SELECT r.*, j.status AS job_status, j.started_at AS job_started, "
            + "j.finished_at AS job_finished, (SELECT COUNT(*) FROM grid_cells c WHERE c.run_id = r.id) AS cells_done "
            + "FROM grid_runs r JOIN jobs j ON j.id = r.job_id ";

    public Optional<GridRun> run(long runId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_SELECT + "WHERE r.id = ?")) {
                ps.setLong(1, runId);
                return readRuns(ps).stream().findFirst();
            }
        });
    }

    public Optional<GridRun> runOfJob(long jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_SELECT + "WHERE r.job_id = ?")) {
                ps.setLong(1, jobId);
                return readRuns(ps).stream().findFirst();
            }
        });
    }

    /** The grid's runs, oldest first. */
    public List<GridRun> runs(long gridId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_SELECT + "WHERE r.grid_id = ? ORDER BY r.id")) {
                ps.setLong(1, gridId);
                return readRuns(ps);
            }
        });
    }

    public List<Long> runDocuments(long runId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id FROM grid_run_documents WHERE run_id = ? ORDER BY position")) {
                ps.setLong(1, runId);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
                return out;
            }
        });
    }

    /** The (document, variable) pairs a run has stored, as "doc:var" keys. */
    public Set<String> doneCells(long runId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id, variable_id FROM grid_cells WHERE run_id = ?")) {
                ps.setLong(1, runId);
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1) + ":" + rs.getLong(2));
                }
                return out;
            }
        });
    }

    public long countCells(long runId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM grid_cells WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static List<GridRun> readRuns(PreparedStatement ps) throws SQLException {
        List<GridRun> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long seed = rs.getLong("seed");
                Long s = rs.wasNull() ? null : seed;
                Map<String, Long> raw = read(rs.getString("prompts"), new TypeReference<Map<String, Long>>() {}, Map.of());
                Map<Long, Long> prompts = new LinkedHashMap<>();
                raw.forEach((k, v) -> prompts.put(Long.parseLong(k), v));
                out.add(new GridRun(rs.getLong("id"), rs.getLong("grid_id"), rs.getLong("job_id"), RunKind.valueOf(rs.getString("kind")),
                        Evidence.Mode.valueOf(rs.getString("mode")), rs.getString("model"), s, prompts, rs.getLong("cells_total"),
                        instant(rs, "created_at"), JobStatus.of(rs.getString("job_status")), rs.getLong("cells_done"),
                        instant(rs, "job_started"), instant(rs, "job_finished")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ cells

    /**
     * Stores a cell unless the run already has one for that document and variable (a resumed run meeting a cell
     * a killed process committed); returns whether it was stored.
     */
    public boolean insertCell(Cell x) {
        try {
            return db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_cells (run_id, grid_id, document_id, variable_id, prompt_id, "
                        + "prompt_version, outcome, status, raw_value, cell_value, unit, confidence, quote, quote_verified, chunk_id, page, bates, "
                        + "start_char, end_char, method, model, proof, error, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int i = 1;
                    ps.setLong(i++, x.runId());
                    ps.setLong(i++, x.gridId());
                    ps.setLong(i++, x.documentId());
                    ps.setLong(i++, x.variableId());
                    ps.setLong(i++, x.promptId());
                    ps.setInt(i++, x.promptVersion());
                    ps.setString(i++, x.outcome());
                    ps.setString(i++, x.status());
                    ps.setString(i++, clip(x.rawValue(), 4000));
                    ps.setString(i++, clip(x.value(), 4000));
                    ps.setString(i++, clip(x.unit(), 40));
                    if (x.confidence() == null) ps.setNull(i++, Types.DOUBLE); else ps.setDouble(i++, Math.max(0, Math.min(1, x.confidence())));
                    ps.setString(i++, clip(x.quote(), 4000));
                    ps.setBoolean(i++, x.quoteVerified());
                    setLong(ps, i++, x.chunkId());
                    if (x.page() == null) ps.setNull(i++, Types.INTEGER); else ps.setInt(i++, x.page());
                    ps.setString(i++, clip(x.bates(), 100));
                    setLong(ps, i++, x.startChar());
                    setLong(ps, i++, x.endChar());
                    ps.setString(i++, x.method());
                    ps.setString(i++, clip(x.model(), 300));
                    ps.setString(i++, clip(x.proof(), 100000));
                    ps.setString(i++, clip(x.error(), 4000));
                    ps.setTimestamp(i, Timestamp.from(Clock.now()));
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (QuarryException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) return false;
            throw e;
        }
    }

    /** The newest cell of each document and variable of the grid (what the grid shows unless overridden). */
    public List<Cell> currentCells(long gridId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.* FROM grid_cells c JOIN (SELECT MAX(id) AS id FROM grid_cells "
                    + "WHERE grid_id = ? GROUP BY document_id, variable_id) m ON m.id = c.id ORDER BY c.document_id, c.variable_id")) {
                ps.setLong(1, gridId);
                return readCells(ps);
            }
        });
    }

    public List<Cell> cellsOfRun(long runId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_cells WHERE run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                return readCells(ps);
            }
        });
    }

    public Optional<Cell> cell(long cellId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_cells WHERE id = ?")) {
                ps.setLong(1, cellId);
                return readCells(ps).stream().findFirst();
            }
        });
    }

    private static List<Cell> readCells(PreparedStatement ps) throws SQLException {
        List<Cell> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                double conf = rs.getDouble("confidence");
                Double confidence = rs.wasNull() ? null : conf;
                int page = rs.getInt("page");
                Integer p = rs.wasNull() ? null : page;
                out.add(new Cell(rs.getLong("id"), rs.getLong("run_id"), rs.getLong("grid_id"), rs.getLong("document_id"),
                        rs.getLong("variable_id"), rs.getLong("prompt_id"), rs.getInt("prompt_version"), rs.getString("outcome"),
                        rs.getString("status"), rs.getString("raw_value"), rs.getString("cell_value"), rs.getString("unit"), confidence,
                        rs.getString("quote"), rs.getBoolean("quote_verified"), getLong(rs, "chunk_id"), p, rs.getString("bates"),
                        getLong(rs, "start_char"), getLong(rs, "end_char"), rs.getString("method"), rs.getString("model"),
                        rs.getString("proof"), rs.getString("error"), instant(rs, "created_at")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ feedback and overrides

    public long addFeedback(Cell cell, boolean correct, String comment, String value, String reviewer) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_feedback (cell_id, grid_id, document_id, variable_id, correct, "
                    + "comment, corrected_value, marked_value, reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, cell.id());
                ps.setLong(2, cell.gridId());
                ps.setLong(3, cell.documentId());
                ps.setLong(4, cell.variableId());
                ps.setBoolean(5, correct);
                ps.setString(6, comment == null || comment.isBlank() ? null : clip(comment.strip(), 1000));
                ps.setString(7, value == null ? null : clip(value.strip(), 4000));
                ps.setString(8, cell.value() == null ? "" : clip(cell.value(), 4000));
                ps.setString(9, reviewer);
                ps.setTimestamp(10, Timestamp.from(Clock.now()));
                ps.executeUpdate();
                return key(ps);
            }
        });
    }

    /** The grid's feedback, oldest first. */
    public List<Feedback> feedback(long gridId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_feedback WHERE grid_id = ? ORDER BY id")) {
                ps.setLong(1, gridId);
                List<Feedback> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Feedback(rs.getLong("id"), rs.getLong("cell_id"), rs.getLong("grid_id"), rs.getLong("document_id"),
                                rs.getLong("variable_id"), rs.getBoolean("correct"), rs.getString("comment"), rs.getString("corrected_value"),
                                rs.getString("marked_value"), rs.getString("reviewer"), instant(rs, "created_at"), getLong(rs, "used_in_prompt")));
                    }
                }
                return out;
            }
        });
    }

    public void markFeedbackUsed(Connection c, List<Long> feedbackIds, long promptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE grid_feedback SET used_in_prompt = ? WHERE id = ?")) {
            for (long id : feedbackIds) {
                ps.setLong(1, promptId);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void setOverride(long gridId, long documentId, long variableId, String value, String reviewer) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO grid_overrides (grid_id, document_id, variable_id, override_value, reviewer, "
                    + "created_at) KEY (grid_id, document_id, variable_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, gridId);
                ps.setLong(2, documentId);
                ps.setLong(3, variableId);
                ps.setString(4, clip(value == null ? "" : value.strip(), 4000));
                ps.setString(5, reviewer);
                ps.setTimestamp(6, Timestamp.from(Clock.now()));
                return ps.executeUpdate();
            }
        });
    }

    public void removeOverride(long gridId, long documentId, long variableId) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM grid_overrides WHERE grid_id = ? AND document_id = ? AND variable_id = ?")) {
                ps.setLong(1, gridId);
                ps.setLong(2, documentId);
                ps.setLong(3, variableId);
                return ps.executeUpdate();
            }
        });
    }

    public List<CellOverride> overrides(long gridId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_overrides WHERE grid_id = ?")) {
                ps.setLong(1, gridId);
                List<CellOverride> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CellOverride(rs.getLong("grid_id"), rs.getLong("document_id"), rs.getLong("variable_id"),
                                rs.getString("override_value"), rs.getString("reviewer"), instant(rs, "created_at")));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------ logs

    public void log(long runId, Long documentId, Long variableId, String level, String message) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_logs (run_id, document_id, variable_id, level, message, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, runId);
                setLong(ps, 2, documentId);
                setLong(ps, 3, variableId);
                ps.setString(4, level);
                ps.setString(5, clip(message == null || message.isBlank() ? "(no message)" : message, 4000));
                ps.setTimestamp(6, Timestamp.from(Clock.now()));
                return ps.executeUpdate();
            }
        });
    }

    public List<LogEntry> logs(long runId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM grid_logs WHERE run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                List<LogEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LogEntry(rs.getLong("id"), rs.getLong("run_id"), getLong(rs, "document_id"), getLong(rs, "variable_id"),
                                rs.getString("level"), rs.getString("message"), instant(rs, "created_at")));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    static List<String> readList(String json) {
        return read(json, new TypeReference<List<String>>() {}, List.of());
    }

    static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isBlank()) return empty;
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new QuarryException("A grid's stored settings could not be read.", e);
        }
    }

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }

    private static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
