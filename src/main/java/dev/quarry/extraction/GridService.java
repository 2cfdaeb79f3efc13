package dev.quarry.extraction;

import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Evidence;
import dev.quarry.llm.LlmGateway;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Grids of one matter: define the columns, run samples and full runs (jobs of kind "grid", resumable), record
 * feedback and overrides, refine prompts into new versions. The evidence engine decides every cell; this
 * class never decides a value itself.
 */
public final class GridService {
    public static final String JOB_KIND = "grid";
    /** A sample's seed when none is given: samples of a grid are the same documents until the user asks otherwise. */
    public static final long DEFAULT_SEED = 14L;

    private final Matter matter;
    private final GridRepository repo;
    private final JobRepository jobs;
    private final LlmGateway gateway;

    /** @param gateway the matter's gateway (may be unconfigured); used to record the model and to rewrite prompts */
    public GridService(Matter matter, LlmGateway gateway) {
        this.matter = matter;
        this.repo = new GridRepository(matter.db());
        this.jobs = new JobRepository(matter.db());
        this.gateway = gateway;
    }

    public GridRepository repository() {
        return repo;
    }

    public Matter matter() {
        return matter;
    }

    /** Who a reviewer is on this machine (the operating-system user). */
    public static String reviewer() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "reviewer" : u;
    }

    // ------------------------------------------------------------------ defining

    public record NewGrid(String name, String domain, String language, DocumentSet documents, List<VariableSpec> variables,
                          List<String> givenColumns) {}

    /** Creates a grid with its variables and their first prompt versions (SCHEMA_DEFINED when there are variables). */
    public Grid create(NewGrid g) {
        String name = g.name() == null ? "" : g.name().strip();
        if (name.isEmpty() || name.length() > 255) throw new QuarryException("A grid's name must be 1 to 255 characters.");
        List<VariableSpec> specs = g.variables() == null || g.variables().isEmpty() ? List.of() : VariableSpec.validateAll(g.variables());
        DocumentSet set = g.documents() == null ? DocumentSet.all() : g.documents();
        if (set.kind() == DocumentSet.Kind.LIST && set.documentIds().isEmpty()) {
            throw new QuarryException("The list of documents is empty.");
        }
        List<String> given = g.givenColumns() == null
                ? repo.datasetColumns(set.kind() == DocumentSet.Kind.PRODUCTION ? set.productionId() : null) : g.givenColumns();
        long id = matter.db().inTransaction(c -> {
            long gridId = repo.createGrid(c, name, blankToNull(g.domain()), blankToNull(g.language()), set, given, 0.6);
            int pos = 1;
            for (VariableSpec s : specs) addVariable(c, gridId, name, g.domain(), g.language(), s, pos++);
            if (!specs.isEmpty()) repo.setStatus(c, gridId, GridStatus.SCHEMA_DEFINED);
            return gridId;
        });
        matter.audit().record("grid.created", "grid", String.valueOf(id), Map.of("name", name, "variables", specs.size()));
        return grid(id);
    }

    private void addVariable(java.sql.Connection c, long gridId, String gridName, String domain, String language, VariableSpec s,
                             int position) throws java.sql.SQLException {
        long varId = repo.addVariable(c, gridId, s, position);
        Variable v = new Variable(varId, gridId, s.name(), s.type(), s.instructions(), s.categories(), s.allowMultiple(), s.allowOther(), position);
        Grid shell = new Grid(gridId, gridName, domain, language, GridStatus.CREATED, DocumentSet.Kind.ALL, null, List.of(), 0.6, null, null);
        repo.addPrompt(c, varId, 1, s.instructions(), List.of(), PromptText.generate(shell, v, s.instructions(), List.of()),
                modelConfig(), "generated", null);
    }

    /** Adds a column; a grid past its schema goes back to SCHEMA_DEFINED (its new column has no sample yet). */
    public Variable addVariable(long gridId, VariableSpec spec) {
        Grid g = grid(gridId);
        if (g.status() == GridStatus.PROCESSING) g.status().checkMove(GridStatus.SCHEMA_DEFINED, "change its columns");
        spec.validated();
        List<Variable> vars = repo.variables(gridId);
        if (vars.stream().anyMatch(v -> v.name().equalsIgnoreCase(spec.name()))) {
            throw new QuarryException("The grid already has a variable named '" + spec.name() + "'.");
        }
        int pos = vars.stream().mapToInt(Variable::position).max().orElse(0) + 1;
        matter.db().inTransaction(c -> {
            addVariable(c, gridId, g.name(), g.domain(), g.language(), spec, pos);
            repo.setStatus(c, gridId, GridStatus.SCHEMA_DEFINED);
            return null;
        });
        return repo.variables(gridId).stream().filter(v -> v.name().equals(spec.name())).findFirst().orElseThrow();
    }

    /**
     * Changes a column's definition. New instructions (or categories) make a new prompt version ("edited"),
     * so cells made before keep saying which words made them.
     */
    public Variable editVariable(long gridId, String variableName, VariableSpec spec) {
        Grid g = grid(gridId);
        if (g.status() == GridStatus.PROCESSING) g.status().checkMove(GridStatus.SCHEMA_DEFINED, "change its columns");
        spec.validated();
        Variable old = variable(gridId, variableName);
        if (!old.name().equalsIgnoreCase(spec.name())
                && repo.variables(gridId).stream().anyMatch(v -> v.name().equalsIgnoreCase(spec.name()))) {
            throw new QuarryException("The grid already has a variable named '" + spec.name() + "'.");
        }
        if (old.spec().equals(spec)) return old;
        PromptVersion last = repo.latestPrompt(old.id()).orElseThrow();
        matter.db().inTransaction(c -> {
            repo.updateVariable(c, old.id(), spec);
            Variable v = new Variable(old.id(), gridId, spec.name(), spec.type(), spec.instructions(), spec.categories(),
                    spec.allowMultiple(), spec.allowOther(), old.position());
            repo.addPrompt(c, old.id(), last.version() + 1, spec.instructions(), last.examples(),
                    PromptText.generate(g, v, spec.instructions(), last.examples()), modelConfig(), "edited", null);
            repo.setStatus(c, gridId, g.status() == GridStatus.CREATED ? GridStatus.SCHEMA_DEFINED
                    : g.status().canMoveTo(GridStatus.SCHEMA_DEFINED) ? GridStatus.SCHEMA_DEFINED : g.status());
            return null;
        });
        return variable(gridId, spec.name());
    }

    public Grid grid(long id) {
        return repo.grid(id).orElseThrow(() -> new QuarryException("There is no grid " + id + " in this matter."));
    }

    /** A grid by id or by name (a name shared by several grids must be given as an id). */
    public Grid resolve(String ref) {
        String r = ref == null ? "" : ref.strip();
        if (r.matches("\\d{1,18}")) {
            Optional<Grid> byId = repo.grid(Long.parseLong(r));
            if (byId.isPresent()) return byId.get();
        }
        List<Grid> named = repo.gridsNamed(r);
        if (named.size() == 1) return named.get(0);
        if (named.size() > 1) {
            throw new QuarryException("Several grids are named '" + r + "' (ids " + String.join(", ",
                    named.stream().map(g -> String.valueOf(g.id())).toList()) + "); give the id.");
        }
        throw new QuarryException("There is no grid '" + r + "' in this matter" + (repo.grids().isEmpty() ? " (it has no grids)." : "; "
                + "its grids are " + String.join(", ", repo.grids().stream().map(g -> g.id() + " " + g.name()).toList()) + "."));
    }

    public List<Grid> grids() {
        return repo.grids();
    }

    public List<Variable> variables(long gridId) {
        return repo.variables(gridId);
    }

    public Variable variable(long gridId, String name) {
        return repo.variables(gridId).stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new QuarryException("The grid has no variable '" + name + "'; its variables are "
                        + String.join(", ", repo.variables(gridId).stream().map(Variable::name).toList()) + "."));
    }

    public List<GridDocument> documents(long gridId) {
        return repo.documents(grid(gridId));
    }

    public Map<String, Object> modelConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", gateway == null ? null : gateway.config().map(cfg -> cfg.model()).orElse(null));
        m.put("provider", gateway == null ? null : gateway.config().map(cfg -> cfg.provider().name().toLowerCase()).orElse(null));
        m.put("temperature", 0.0);
        m.put("max_tokens", 400);
        return m;
    }

    // ------------------------------------------------------------------ runs

    /**
     * What to run.
     *
     * @param sampleSize for a sample: how many documents (drawn with {@code seed} unless {@code chosen} are given)
     * @param seed       the sample's seed; null repeats the grid's last sample seed (or {@link #DEFAULT_SEED})
     * @param chosen     the sample's documents, chosen by the reviewer (empty: drawn at random)
     * @param offline    decide with the offline extractor only, even when a model is configured
     */
    public record RunRequest(RunKind kind, int sampleSize, Long seed, List<Long> chosen, boolean offline) {
        public RunRequest {
            chosen = chosen == null ? List.of() : List.copyOf(chosen);
        }

        public static RunRequest sample(int n, boolean offline) {
            return new RunRequest(RunKind.SAMPLE, n, null, List.of(), offline);
        }

        public static RunRequest all(boolean offline) {
            return new RunRequest(RunKind.FULL, 0, null, List.of(), offline);
        }
    }

    /** An unfinished run of this grid and kind (killed, cancelled), to resume before starting a new one. */
    public Optional<GridRun> unfinished(long gridId, RunKind kind) {
        jobs.markOrphansInterrupted();
        return repo.runs(gridId).stream().filter(r -> r.kind() == kind && !r.jobStatus().terminal()
                        || r.kind() == kind && r.jobStatus() == JobStatus.CANCELLED && r.cellsDone() < r.cellsTotal())
                .reduce((a, b) -> b);
    }

    /**
     * Plans a run: picks its documents, pins the current prompt versions and the model, creates the job, and
     * moves the grid on (SAMPLE_TESTING for a sample; READY then PROCESSING for a full run). Returns the run.
     */
    public GridRun plan(long gridId, RunRequest req) {
        Grid g = grid(gridId);
        List<Variable> vars = repo.variables(gridId);
        if (vars.isEmpty()) throw new QuarryException("The grid has no variables: define at least one first.");
        if (!g.status().canStart(req.kind())) {
            g.status().checkMove(req.kind() == RunKind.SAMPLE ? GridStatus.SAMPLE_TESTING : GridStatus.PROCESSING,
                    req.kind() == RunKind.SAMPLE ? "run a sample" : "run on all documents");
        }
        List<GridDocument> docs = repo.documents(g);
        if (docs.isEmpty()) throw new QuarryException("The grid has no completed documents to run on.");
        List<Long> ids;
        Long seed = null;
        if (req.kind() == RunKind.SAMPLE) {
            if (!req.chosen().isEmpty()) {
                java.util.Set<Long> inGrid = new java.util.HashSet<>(docs.stream().map(GridDocument::id).toList());
                for (long id : req.chosen()) if (!inGrid.contains(id)) throw new QuarryException("Document " + id + " is not in the grid.");
                ids = List.copyOf(new java.util.LinkedHashSet<>(req.chosen()));
            } else {
                if (req.sampleSize() < 1) throw new QuarryException("A sample needs at least one document (--sample N, N ≥ 1).");
                seed = req.seed() != null ? req.seed() : repo.runs(gridId).stream().filter(r -> r.kind() == RunKind.SAMPLE && r.seed() != null)
                        .reduce((a, b) -> b).map(GridRun::seed).orElse(DEFAULT_SEED);
                ids = sample(docs.stream().map(GridDocument::id).toList(), req.sampleSize(), seed);
            }
        } else {
            ids = docs.stream().map(GridDocument::id).toList();
        }
        Evidence.Mode mode = mode(req.offline());
        String model = mode == Evidence.Mode.OFFLINE ? null : gateway.config().map(cfg -> cfg.model()).orElse(null);
        Map<Long, Long> prompts = new LinkedHashMap<>();
        for (Variable v : vars) prompts.put(v.id(), repo.latestPrompt(v.id()).orElseThrow().id());
        long total = (long) ids.size() * vars.size();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("grid_id", gridId);
        params.put("kind", req.kind().name());
        params.put("documents", ids.size());
        params.put("mode", mode.name());
        long jobId = jobs.create(JOB_KIND, dev.quarry.core.Json.write(params), g.productionId());
        jobs.saveCounters(jobId, total, 0);
        Long s = seed;
        long runId = matter.db().inTransaction(c -> {
            long id = repo.createRun(c, gridId, jobId, req.kind(), mode, model, s, prompts, ids, total);
            if (req.kind() == RunKind.SAMPLE) {
                repo.setStatus(c, gridId, GridStatus.SAMPLE_TESTING);
            } else {
                // Running all is the approval of the sample: SAMPLE_TESTING → READY → PROCESSING.
                repo.setStatus(c, gridId, GridStatus.PROCESSING);
            }
            return id;
        });
        matter.audit().record("grid.run.planned", "grid", String.valueOf(gridId),
                Map.of("run", runId, "kind", req.kind().name(), "documents", ids.size(), "mode", mode.name()));
        return repo.run(runId).orElseThrow();
    }

    /** The first n of the ids shuffled by the seed (the same seed and documents give the same sample). */
    static List<Long> sample(List<Long> ids, int n, long seed) {
        List<Long> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        Collections.shuffle(sorted, new Random(seed));
        List<Long> out = new ArrayList<>(sorted.subList(0, Math.min(n, sorted.size())));
        return out;
    }

    public Evidence.Mode mode(boolean offline) {
        return offline || gateway == null || !gateway.available() ? Evidence.Mode.OFFLINE : Evidence.Mode.BOTH;
    }

    /** The grid's state after a run ended (a full run: COMPLETE, ERROR, or READY when cancelled). */
    void afterRun(GridRun run, JobStatus end) {
        if (run.kind() != RunKind.FULL) return;
        Grid g = grid(run.gridId());
        if (g.status() != GridStatus.PROCESSING) return;
        GridStatus next = switch (end) {
            case COMPLETED -> GridStatus.COMPLETE;
            case FAILED -> GridStatus.ERROR;
            default -> GridStatus.READY;
        };
        if (end == JobStatus.INTERRUPTED) return;
        repo.setStatus(run.gridId(), next);
    }

    /** Resumes a full run: the grid is PROCESSING again while it runs. */
    void beforeRun(GridRun run) {
        if (run.kind() != RunKind.FULL) return;
        Grid g = grid(run.gridId());
        if (g.status() != GridStatus.PROCESSING) {
            if (g.status() == GridStatus.SCHEMA_DEFINED) g.status().checkMove(GridStatus.PROCESSING, "resume its full run");
            repo.setStatus(run.gridId(), GridStatus.PROCESSING);
        }
    }

    public List<GridRun> runs(long gridId) {
        return repo.runs(gridId);
    }

    // ------------------------------------------------------------------ feedback, overrides, refinement

    /** Records a verdict on the current cell of a document and variable; returns the feedback's id. */
    public long feedback(long gridId, long documentId, String variableName, boolean correct, String comment, String value, String reviewer) {
        Variable v = variable(gridId, variableName);
        Cell cell = currentCell(gridId, documentId, v.id())
                .orElseThrow(() -> new QuarryException("That document has no cell for " + v.name() + " yet: run the grid on it first."));
        if (comment != null && comment.strip().length() > 1000) throw new QuarryException("A comment is at most 1,000 characters.");
        long id = repo.addFeedback(cell, correct, comment, value, reviewer);
        matter.audit().record("grid.feedback", "grid", String.valueOf(gridId),
                Map.of("cell", cell.id(), "variable", v.name(), "correct", correct));
        return id;
    }

    public Optional<Cell> currentCell(long gridId, long documentId, long variableId) {
        return repo.currentCells(gridId).stream().filter(c -> c.documentId() == documentId && c.variableId() == variableId).findFirst();
    }

    /** Sets a reviewer's value for a cell (empty for "not stated"); runs never overwrite it. */
    public void override(long gridId, long documentId, String variableName, String value, String reviewer) {
        Variable v = variable(gridId, variableName);
        repo.setOverride(gridId, documentId, v.id(), value, reviewer);
        matter.audit().record("grid.override", "grid", String.valueOf(gridId), Map.of("document", documentId, "variable", v.name()));
    }

    public void clearOverride(long gridId, long documentId, String variableName) {
        repo.removeOverride(gridId, documentId, variable(gridId, variableName).id());
    }

    /** What one refinement did to one variable. */
    public record Refinement(String variable, int fromVersion, int toVersion, String origin, int feedback, int examples,
                             String instructions, String note) {}

    /**
     * Turns the feedback not yet used into a new prompt version per variable. With a model allowed (not offline, a
     * model configured) the model rewrites the instructions from the reviewer's comments and values; offline, or when
     * the model's answer is unusable, the instructions stay and the reviewed cells become examples that recalibrate the
     * offline extractor. Either way the reviewed cells are the version's examples. A grid past its sample goes back to
     * SAMPLE_TESTING, so the refined prompts are tried on the sample again.
     */
    public List<Refinement> refine(long gridId, boolean offline) {
        Grid g = grid(gridId);
        if (g.status() == GridStatus.PROCESSING) g.status().checkMove(GridStatus.SAMPLE_TESTING, "refine its prompts");
        List<Feedback> all = repo.feedback(gridId);
        Map<Long, Cell> cells = new LinkedHashMap<>();
        List<Refinement> out = new ArrayList<>();
        for (Variable v : repo.variables(gridId)) {
            List<Feedback> fresh = all.stream().filter(f -> f.variableId() == v.id() && f.usedInPrompt() == null).toList();
            if (fresh.isEmpty()) continue;
            PromptVersion last = repo.latestPrompt(v.id()).orElseThrow();
            List<Criterion.Example> examples = new ArrayList<>(last.examples());
            for (Feedback f : fresh) {
                Cell c = cells.computeIfAbsent(f.cellId(), id -> repo.cell(id).orElse(null));
                examples.add(example(f, c));
            }
            String instructions = last.instructions();
            String origin = "refined_offline";
            String note = fresh.size() + " reviewed cell" + (fresh.size() == 1 ? "" : "s") + " became examples";
            if (!offline && gateway != null && gateway.available()) {
                try {
                    String rewritten = PromptRefiner.rewrite(gateway, g, v, last, fresh, cells);
                    if (rewritten != null) {
                        instructions = rewritten;
                        origin = "refined_model";
                        note = "the model rewrote the instructions from " + fresh.size() + " reviewed cell" + (fresh.size() == 1 ? "" : "s");
                    } else {
                        note += "; the model's rewrite was not usable (kept the instructions)";
                    }
                } catch (QuarryException e) {
                    note += "; the model could not be asked (" + e.getMessage().replaceAll("[.]$", "") + ")";
                }
            }
            String inst = instructions;
            String o = origin;
            String n = note;
            int version = last.version() + 1;
            matter.db().inTransaction(c -> {
                long promptId = repo.addPrompt(c, v.id(), version, inst, examples, PromptText.generate(g, v, inst, examples), modelConfig(), o, n);
                repo.markFeedbackUsed(c, fresh.stream().map(Feedback::id).toList(), promptId);
                return null;
            });
            out.add(new Refinement(v.name(), last.version(), version, origin, fresh.size(), examples.size(), inst, note));
        }
        if (!out.isEmpty() && g.status() != GridStatus.SAMPLE_TESTING && g.status().canMoveTo(GridStatus.SAMPLE_TESTING)) {
            repo.setStatus(gridId, GridStatus.SAMPLE_TESTING);
        }
        if (!out.isEmpty()) {
            matter.audit().record("grid.refined", "grid", String.valueOf(gridId), Map.of("variables", out.stream().map(Refinement::variable).toList()));
        }
        return out;
    }

    /** A feedback as an example: the right value (the corrected one, or the cell's when marked right) and its quote. */
    static Criterion.Example example(Feedback f, Cell c) {
        String cellValue = c == null || c.value() == null ? "" : c.value();
        String value = f.correctedValue() != null ? f.correctedValue() : cellValue;
        String quote = c == null ? null : c.quote();
        if (!f.correct() && f.correctedValue() == null) {
            // Wrong with no right value given: the example says what is NOT the answer.
            return new Criterion.Example(cellValue, quote, false, f.comment(), f.documentId());
        }
        boolean sameAsCell = value.equalsIgnoreCase(cellValue);
        return new Criterion.Example(value, sameAsCell ? quote : null, true, f.comment(), f.documentId());
    }

    // ------------------------------------------------------------------ reading the grid

    /** The grid as shown and exported: documents × variables with each cell's current value. */
    public GridTable table(long gridId) {
        Grid g = grid(gridId);
        return GridTable.build(g, repo.variables(gridId), repo.documents(g), repo.currentCells(gridId), repo.overrides(gridId),
                repo.feedback(gridId), variableId -> repo.prompts(variableId));
    }

    public List<PromptVersion> promptHistory(long gridId, String variableName) {
        return repo.prompts(variable(gridId, variableName).id());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
