package dev.quarry.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.Grids;
import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.export.CsvExport;
import dev.quarry.export.XlsxExport;
import dev.quarry.extraction.Cell;
import dev.quarry.extraction.DocumentSet;
import dev.quarry.extraction.Grid;
import dev.quarry.extraction.GridDocument;
import dev.quarry.extraction.GridExport;
import dev.quarry.extraction.GridQuestions;
import dev.quarry.extraction.GridRun;
import dev.quarry.extraction.GridRunner;
import dev.quarry.extraction.GridService;
import dev.quarry.extraction.GridTable;
import dev.quarry.extraction.PromptVersion;
import dev.quarry.extraction.RunComparison;
import dev.quarry.extraction.RunKind;
import dev.quarry.extraction.Variable;
import dev.quarry.extraction.VariableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "grid", description = {"Extraction grids: define variables once, fill one cell per document with a verified quote, "
        + "refine from feedback, ask questions of the cells, export a dataset.",
        "The model comes from QUARRY_LLM_* or the matter's llm.* settings; without one, or with --offline, cells come from the "
                + "offline extractor (retrieval plus typed parsers)."},
        subcommands = {GridCommand.Create.class, GridCommand.ListGrids.class, GridCommand.Run.class, GridCommand.FeedbackCmd.class,
                GridCommand.Refine.class, GridCommand.Show.class, GridCommand.Ask.class, GridCommand.Export.class})
final class GridCommand implements Runnable {
    /** The environment, replaceable in tests. */
    static Map<String, String> env = System.getenv();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a grid subcommand (create, list, run, feedback, refine, show, ask, export)");
    }

    static Grid resolve(GridService s, String ref) {
        return s.resolve(ref);
    }

    // ------------------------------------------------------------------ create

    @Command(name = "create", description = "Create a grid from a list of variables (VARS.json) over all documents, a production or a list.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--name", required = true, description = "The grid's name.") String name;
        @Option(names = "--variables", required = true, paramLabel = "VARS.json", description = "A JSON list of {name, type, instructions, "
                + "categories, allow_multiple, allow_other}.") Path variables;
        @Option(names = "--documents-file", paramLabel = "LIST", description = "A file with one document file name per line.") Path documentsFile;
        @Option(names = "--production", paramLabel = "P", description = "Only the documents of this production (name or id).") String production;
        @Option(names = "--domain", description = "The grid's domain (e.g. commercial contracts), used in its prompts.") String domain;
        @Option(names = "--language", description = "The documents' language (ISO 639-1), default en.") String language;
        @Option(names = "--json", description = "Print {grid_id, variables, documents} as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (documentsFile != null && production != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give --documents-file or --production, not both");
            }
            List<VariableSpec> specs = readVariables(variables);
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                Grids grids = new Grids(s, env);
                DocumentSet set = DocumentSet.all();
                List<String> missing = new ArrayList<>();
                if (production != null) {
                    set = DocumentSet.production(grids.service().repository().productionByName(production)
                            .orElseThrow(() -> new QuarryException("There is no production '" + production + "' in this matter.")));
                } else if (documentsFile != null) {
                    List<String> names = readLines(documentsFile);
                    Map<String, List<Long>> ids = grids.service().repository().documentIdsByName(names);
                    List<Long> list = new ArrayList<>();
                    for (String n : names) {
                        List<Long> found = ids.get(n);
                        if (found == null) missing.add(n); else list.addAll(found);
                    }
                    if (!missing.isEmpty() && list.isEmpty()) {
                        throw new QuarryException("None of the " + names.size() + " file names in " + documentsFile + " is a completed document of this matter.");
                    }
                    set = DocumentSet.list(list.stream().distinct().toList());
                }
                Grid g = grids.service().create(new GridService.NewGrid(name, domain, language, set, specs, null));
                List<GridDocument> docs = grids.service().documents(g.id());
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("grid_id", g.id());
                    out.put("variables", specs.size());
                    out.put("documents", docs.size());
                    out.put("name", g.name());
                    out.put("status", g.status().name());
                    out.put("variable_names", specs.stream().map(VariableSpec::name).toList());
                    out.put("given_columns", g.givenColumns());
                    out.put("missing_documents", missing);
                    System.out.println(Json.write(out));
                } else {
                    System.out.printf("Grid %d \"%s\": %d variables over %d documents (%s).%n", g.id(), g.name(), specs.size(), docs.size(), g.status());
                    if (!missing.isEmpty()) System.out.println("Not found (" + missing.size() + "): " + String.join(", ", missing.stream().limit(20).toList()));
                    System.out.println("Next: quarry grid run " + dir + " " + g.id() + " --sample 20");
                }
                return missing.isEmpty() ? 0 : 1;
            }
        }
    }

    static List<VariableSpec> readVariables(Path file) {
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (n == null || !n.isArray()) throw new QuarryException(file + " must hold a JSON list of variables.");
            List<VariableSpec> out = new ArrayList<>();
            int i = 0;
            for (JsonNode v : n) {
                i++;
                String type = v.path("type").asText("").strip().toUpperCase();
                if (!List.of("TEXT", "NUMBER", "DATE", "CATEGORY", "BOOLEAN").contains(type)) {
                    throw new QuarryException("Variable " + i + " of " + file.getFileName() + " ('" + v.path("name").asText("") + "'): the type must be "
                            + "TEXT, NUMBER, DATE, CATEGORY or BOOLEAN, not '" + v.path("type").asText("") + "'.");
                }
                List<String> cats = v.has("categories") && !v.get("categories").isNull()
                        ? Json.MAPPER.convertValue(v.get("categories"), new TypeReference<List<String>>() {}) : List.of();
                out.add(new VariableSpec(v.path("name").asText(null), dev.quarry.evidence.ValueType.valueOf(type),
                        v.path("instructions").asText(null), cats, v.path("allow_multiple").asBoolean(false), v.path("allow_other").asBoolean(false)));
            }
            return VariableSpec.validateAll(out);
        } catch (IOException e) {
            throw new QuarryException(file + " could not be read as JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IllegalArgumentException e) {
            throw new QuarryException(file + " has a variable that is not valid: " + e.getMessage(), e);
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.startsWith("\uFEFF") ? l.substring(1) : l).toList();
        } catch (IOException e) {
            throw new QuarryException("The file " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ list

    @Command(name = "list", description = "List the grids of a matter.")
    static final class ListGrids implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--json", description = "Print the grids as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                GridService gs = new Grids(s, env).service();
                List<Map<String, Object>> out = new ArrayList<>();
                for (Grid g : gs.grids()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("grid_id", g.id());
                    m.put("name", g.name());
                    m.put("status", g.status().name());
                    m.put("variables", gs.variables(g.id()).size());
                    out.add(m);
                    if (!json) System.out.printf("%d  %-30s %-15s %d variables%n", g.id(), g.name(), g.status(), gs.variables(g.id()).size());
                }
                if (json) System.out.println(Json.write(out));
                else if (out.isEmpty()) System.out.println("No grids yet: quarry grid create " + dir + " --name N --variables VARS.json");
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ run

    @Command(name = "run", description = {"Run a grid on a sample of its documents or on all of them.",
            "An interrupted or cancelled run of the same kind is resumed first, with exactly the cells it still lacks.",
            "Ctrl-C cancels cleanly between cells; run the same command again to resume."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the run completed (cells in error are logged and counted)", "1:an error", "2:the command line was wrong",
                    "3:cancelled (Ctrl-C): run the same command again to resume"})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The grid (id or name).") String gridRef;
        @ArgGroup(exclusive = true, multiplicity = "1") Which which;
        @Option(names = "--offline", description = "Decide every cell with the offline extractor only.") boolean offline;
        @Option(names = "--seed", description = "The sample's random seed (default: the grid's previous sample's, else 14).") Long seed;
        @Option(names = "--documents-file", paramLabel = "LIST", description = "With --sample: these documents (file names, one a line) instead of a random draw.") Path chosen;
        @Option(names = "--threads", description = "Cells decided at once (default: cores offline, QUARRY_GRID_CONCURRENCY (default 4) with a model).") Integer threads;
        @Option(names = "--json", description = "Print the run's result as JSON.") boolean json;
        @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        static final class Which {
            @Option(names = "--sample", paramLabel = "N", required = true, description = "Run on N documents (seeded random).") Integer sample;
            @Option(names = "--all", required = true, description = "Run on all the grid's documents.") boolean all;
        }

        @Override
        public Integer call() {
            CancelOnInterrupt interrupt = new CancelOnInterrupt("the grid run");
            int code = 1;
            try {
                code = execute(interrupt.token());
                return code;
            } finally {
                interrupt.finish(code);
            }
        }

        private int execute(CancelToken cancel) {
            if (which.sample != null && which.sample < 1) throw new QuarryException("--sample needs a number of documents of at least 1.");
            RunKind kind = which.all ? RunKind.FULL : RunKind.SAMPLE;
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                Grids grids = new Grids(s, env);
                GridService gs = grids.service();
                Grid g = resolve(gs, gridRef);
                GridRun run = gs.unfinished(g.id(), kind).orElse(null);
                boolean resumed = run != null;
                if (resumed) {
                    if (!quiet) System.err.println("Resuming unfinished " + kind.name().toLowerCase() + " run " + run.id() + " (" + run.cellsDone()
                            + " of " + run.cellsTotal() + " cells done)");
                } else {
                    List<Long> picked = List.of();
                    if (chosen != null) {
                        if (kind != RunKind.SAMPLE) throw new QuarryException("--documents-file goes with --sample.");
                        Map<String, List<Long>> ids = gs.repository().documentIdsByName(readLines(chosen));
                        picked = ids.values().stream().flatMap(List::stream).toList();
                        if (picked.isEmpty()) throw new QuarryException("None of the file names in " + chosen + " is a document of this matter.");
                    }
                    run = gs.plan(g.id(), new GridService.RunRequest(kind, which.sample == null ? 0 : which.sample, seed, picked, offline));
                }
                ProgressListener progress = quiet ? ProgressListener.NONE : new CellProgress();
                GridRunner.Report r = grids.runner(run.mode(), threads).run(run.id(), progress, cancel);
                if (!quiet) System.err.println();
                RunComparison cmp = kind == RunKind.SAMPLE ? RunComparison.of(gs, run.id()) : null;
                int code = r.status() == JobStatus.COMPLETED ? 0 : 3;
                Grid after = gs.grid(g.id());
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("grid_id", g.id());
                    out.put("run_id", r.runId());
                    out.put("job_id", r.jobId());
                    out.put("kind", kind.name());
                    out.put("status", r.status().db());
                    out.put("resumed", resumed);
                    out.put("mode", run.mode().name().toLowerCase());
                    out.put("model", run.model());
                    out.put("documents", gs.repository().runDocuments(r.runId()).size());
                    out.put("cells_total", r.cellsTotal());
                    out.put("cells_done", r.cellsDone());
                    out.put("cells_this_session", r.storedNow());
                    out.put("errors", r.errors());
                    out.put("seconds", r.elapsed().toMillis() / 1000.0);
                    out.put("cells_per_second", Math.round(r.cellsPerSecond() * 100) / 100.0);
                    out.put("prompt_versions", promptVersions(gs, run));
                    out.put("grid_status", after.status().name());
                    out.put("comparison", cmp == null ? null : cmp.json());
                    out.put("exit_code", code);
                    System.out.println(Json.write(out));
                } else {
                    System.out.printf("Grid %d %s run %d %s: %d of %d cells (%d errors) in %.1f s, %.1f cells/s; grid %s%n", g.id(),
                            kind.name().toLowerCase(), r.runId(), r.status().db(), r.cellsDone(), r.cellsTotal(), r.errors(),
                            r.elapsed().toMillis() / 1000.0, r.cellsPerSecond(), after.status());
                    if (cmp != null) for (String line : cmp.lines()) System.out.println("  " + line);
                    if (code == 3) System.out.println("Cancelled; every stored cell is whole. To resume, run the same command again.");
                }
                return code;
            }
        }
    }

    static Map<String, Integer> promptVersions(GridService gs, GridRun run) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Variable v : gs.variables(run.gridId())) {
            Long pid = run.prompts().get(v.id());
            if (pid != null) gs.repository().prompt(pid).ifPresent(p -> out.put(v.name(), p.version()));
        }
        return out;
    }

    /** One status line on stderr: cells done of total, rate, ETA. */
    static final class CellProgress implements ProgressListener {
        private long last;

        @Override
        public void onProgress(JobProgress p) {
            long now = System.currentTimeMillis();
            if (now - last < 250 && p.status() == JobStatus.RUNNING) return;
            last = now;
            String eta = p.eta() == null ? "" : String.format(" ETA %d:%02d", p.eta().toMinutes(), p.eta().toSecondsPart());
            System.err.printf("\r[grid %s, job %d] %d/%d cells (%d errors), %.1f cells/s%s   ", p.phase(), p.jobId(),
                    p.itemsDone() + p.itemsFailed(), p.itemsTotal(), p.itemsFailed(), p.itemsPerSecond(), eta);
        }
    }

    // ------------------------------------------------------------------ feedback

    @Command(name = "feedback", description = "Record reviewers' verdicts on cells from a JSON Lines file of {file_name, variable, correct, value, comment}.")
    static final class FeedbackCmd implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The grid (id or name).") String gridRef;
        @Option(names = "--file", required = true, paramLabel = "F.jsonl", description = "One verdict per line.") Path file;
        @Option(names = "--reviewer", description = "Who reviewed (default: the system user).") String reviewer;
        @Option(names = "--json", description = "Print what was recorded as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new QuarryException("The file " + file + " could not be read: " + e.getMessage(), e);
            }
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                GridService gs = new Grids(s, env).service();
                Grid g = resolve(gs, gridRef);
                Map<String, Long> byName = new LinkedHashMap<>();
                for (GridDocument d : gs.documents(g.id())) byName.putIfAbsent(d.fileName(), d.id());
                int recorded = 0;
                List<Map<String, Object>> skipped = new ArrayList<>();
                int n = 0;
                for (String line : lines) {
                    n++;
                    if (line.isBlank()) continue;
                    try {
                        JsonNode j = Json.MAPPER.readTree(line);
                        if (j == null || !j.isObject()) throw new QuarryException("The line is not a JSON object.");
                        String fileName = j.path("file_name").asText("");
                        Long doc = byName.get(fileName);
                        if (doc == null) throw new QuarryException("The grid has no document named '" + fileName + "'.");
                        if (!j.has("correct") || !j.get("correct").isBoolean()) throw new QuarryException("\"correct\" must be true or false.");
                        String value = j.hasNonNull("value") ? j.get("value").asText() : null;
                        String comment = j.hasNonNull("comment") ? j.get("comment").asText() : null;
                        gs.feedback(g.id(), doc, j.path("variable").asText(""), j.get("correct").asBoolean(), comment, value,
                                reviewer == null ? GridService.reviewer() : reviewer);
                        recorded++;
                    } catch (IOException | QuarryException e) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("line", n);
                        m.put("reason", e instanceof IOException ? "The line is not JSON." : e.getMessage());
                        skipped.add(m);
                    }
                }
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("grid_id", g.id());
                    out.put("recorded", recorded);
                    out.put("skipped", skipped);
                    System.out.println(Json.write(out));
                } else {
                    System.out.println("Recorded " + recorded + " verdict" + (recorded == 1 ? "" : "s") + " on grid " + g.id() + ".");
                    for (Map<String, Object> m : skipped) System.out.println("  line " + m.get("line") + " skipped: " + m.get("reason"));
                    if (recorded > 0) System.out.println("Next: quarry grid refine " + dir + " " + g.id());
                }
                return skipped.isEmpty() ? 0 : 1;
            }
        }
    }

    // ------------------------------------------------------------------ refine

    @Command(name = "refine", description = "Turn the feedback not yet used into a new prompt version per variable.")
    static final class Refine implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The grid (id or name).") String gridRef;
        @Option(names = "--offline", description = "Do not ask the model to rewrite instructions: the reviewed cells become examples.") boolean offline;
        @Option(names = "--json", description = "Print the new versions as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                GridService gs = new Grids(s, env).service();
                Grid g = resolve(gs, gridRef);
                List<GridService.Refinement> done = gs.refine(g.id(), offline);
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("grid_id", g.id());
                    out.put("refined", done.stream().map(r -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("variable", r.variable());
                        m.put("from_version", r.fromVersion());
                        m.put("prompt_version", r.toVersion());
                        m.put("origin", r.origin());
                        m.put("feedback", r.feedback());
                        m.put("examples", r.examples());
                        m.put("instructions", r.instructions());
                        m.put("note", r.note());
                        return m;
                    }).toList());
                    out.put("grid_status", gs.grid(g.id()).status().name());
                    System.out.println(Json.write(out));
                } else if (done.isEmpty()) {
                    System.out.println("No new feedback to refine from (grid feedback records it).");
                } else {
                    for (GridService.Refinement r : done) {
                        System.out.printf("%s: prompt v%d → v%d (%s; %s)%n", r.variable(), r.fromVersion(), r.toVersion(), r.origin(), r.note());
                    }
                    System.out.println("Next: quarry grid run " + dir + " " + g.id() + " --sample N (the same sample) to compare.");
                }
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ show

    @Command(name = "show", description = "Show a grid: its variables, runs, quality figures and cells.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The grid (id or name).") String gridRef;
        @Option(names = "--json", description = "Print the grid as JSON, with every cell.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                GridService gs = new Grids(s, env).service();
                Grid g = resolve(gs, gridRef);
                GridTable t = gs.table(g.id());
                List<GridRun> runs = gs.runs(g.id());
                if (json) {
                    System.out.println(Json.write(showJson(gs, t, runs)));
                } else {
                    System.out.printf("Grid %d \"%s\" (%s): %d documents × %d variables, %d cells%n", g.id(), g.name(), g.status(),
                            t.rows().size(), t.variables().size(), t.cellsDone());
                    Map<Variable, GridExport.Stats> stats = GridExport.stats(t);
                    for (Variable v : t.variables()) {
                        GridExport.Stats x = stats.get(v);
                        PromptVersion p = t.latestPrompt(v);
                        System.out.printf("  %-28s %-8s v%d  coverage %.2f  mean confidence %.2f  reviewed %d  overrides %d%n", v.name(), v.type(),
                                p == null ? 0 : p.version(), x.documents == 0 ? 0 : x.withValue / (double) x.documents,
                                x.cells == 0 ? 0 : x.confidenceSum / x.cells, x.pairs.size(), x.overrides);
                    }
                    for (GridRun r : runs) {
                        System.out.printf("  run %d %s %s: %d/%d cells, %s%s%n", r.id(), r.kind(), r.jobStatus().db(), r.cellsDone(), r.cellsTotal(),
                                r.mode().name().toLowerCase(), r.model() == null ? "" : " " + r.model());
                    }
                }
                return 0;
            }
        }
    }

    static Map<String, Object> showJson(GridService gs, GridTable t, List<GridRun> runs) {
        Grid g = t.grid();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("grid_id", g.id());
        out.put("name", g.name());
        out.put("status", g.status().name());
        out.put("domain", g.domain());
        out.put("language", g.language());
        out.put("document_set", g.documentSet().db());
        out.put("production_id", g.productionId());
        out.put("documents", t.rows().size());
        out.put("given_columns", g.givenColumns());
        out.put("confidence_threshold", g.confidenceThreshold());
        out.put("cells_done", t.cellsDone());
        out.put("variables", t.variables().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("type", v.type().name());
            m.put("instructions", v.instructions());
            m.put("categories", v.categories());
            m.put("allow_multiple", v.allowMultiple());
            m.put("allow_other", v.allowOther());
            PromptVersion p = t.latestPrompt(v);
            m.put("prompt_version", p == null ? 0 : p.version());
            m.put("prompt_origin", p == null ? null : p.origin());
            m.put("examples", p == null ? 0 : p.examples().size());
            return m;
        }).toList());
        out.put("runs", runs.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", r.id());
            m.put("job_id", r.jobId());
            m.put("kind", r.kind().name());
            m.put("status", r.jobStatus().db());
            m.put("mode", r.mode().name().toLowerCase());
            m.put("model", r.model());
            m.put("seed", r.seed());
            m.put("cells_done", r.cellsDone());
            m.put("cells_total", r.cellsTotal());
            m.put("prompt_versions", promptVersions(gs, r));
            return m;
        }).toList());
        var quality = GridExport.quality(t);
        out.put("quality", quality.rows().stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < quality.columns().size(); i++) m.put(quality.columns().get(i).name(), row.get(i));
            return m;
        }).toList());
        out.put("rows", t.rows().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file_name", r.document().fileName());
            m.put("document_id", r.document().id());
            if (!g.givenColumns().isEmpty()) {
                Map<String, String> given = new LinkedHashMap<>();
                for (String c : g.givenColumns()) given.put(c, r.document().fields().get(c));
                m.put("fields", given);
            }
            Map<String, Object> cells = new LinkedHashMap<>();
            for (GridTable.Entry e : r.entries()) cells.put(e.variable().name(), cellJson(e));
            m.put("cells", cells);
            return m;
        }).toList());
        return out;
    }

    static Map<String, Object> cellJson(GridTable.Entry e) {
        Map<String, Object> c = new LinkedHashMap<>();
        Cell x = e.cell();
        c.put("value", e.value());
        c.put("confidence", e.confidence());
        c.put("status", e.status());
        c.put("raw_value", x == null ? null : x.rawValue());
        c.put("unit", x == null ? null : x.unit());
        c.put("quote", x == null ? null : x.quote());
        c.put("quote_verified", x != null && x.quoteVerified());
        c.put("page", x == null ? null : x.page());
        c.put("start_char", x == null ? null : x.startChar());
        c.put("end_char", x == null ? null : x.endChar());
        c.put("chunk_id", x == null ? null : x.chunkId());
        c.put("prompt_version", x == null ? null : x.promptVersion());
        c.put("method", x == null ? null : x.method());
        c.put("run_id", x == null ? null : x.runId());
        c.put("error", x == null ? null : x.error());
        c.put("reviewed", e.reviewed());
        c.put("overridden", e.override() != null);
        if (x != null && Cell.NOT_STATED.equals(x.status()) && x.proof() != null) {
            try {
                c.put("proof", Json.MAPPER.readTree(x.proof()));
            } catch (IOException ignored) {
                c.put("proof", null);
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ ask

    @Command(name = "ask", description = "Ask a question of a grid's cells (count, list, aggregate, filter, comparison), offline.")
    static final class Ask implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The grid (id or name).") String gridRef;
        @Parameters(index = "2..*", arity = "1..*", description = "The question.") List<String> words;
        @Option(names = "--json", description = "Print {answer_type, answer, cells, available_columns, suggestions} as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            String question = String.join(" ", words).strip();
            if (question.length() < 3) throw new QuarryException("The question is too short.");
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                GridService gs = new Grids(s, env).service();
                Grid g = resolve(gs, gridRef);
                GridQuestions.Result r = GridQuestions.ask(gs.table(g.id()), question);
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("answer_type", r.answerType());
                    out.put("answer", r.answer());
                    out.put("cells", r.cells().stream().map(c -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("file_name", c.fileName());
                        m.put("variable", c.variable());
                        m.put("value", c.value());
                        return m;
                    }).toList());
                    out.put("available_columns", r.availableColumns());
                    out.put("suggestions", r.suggestions());
                    out.put("intent", r.intent().name().toLowerCase());
                    out.put("matched_columns", r.matchedColumns());
                    out.put("unmatched_terms", r.unmatchedTerms());
                    out.put("near_matches", r.nearMatches());
                    System.out.println(Json.write(out));
                } else {
                    System.out.println(r.answer());
                    if (!r.suggestions().isEmpty()) {
                        System.out.println("The grid can answer, for example:");
                        for (String sug : r.suggestions()) System.out.println("  • " + sug);
                    }
                    if (!r.cells().isEmpty()) System.out.println("(" + r.cells().size() + " cells cited; --json lists them)");
                }
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ export

    @Command(name = "export", description = "Export a grid as CSV (long or wide) or as an Excel workbook with a codebook and quality figures.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The grid (id or name).") String gridRef;
        @Option(names = "--format", required = true, description = "csv-long, csv-wide or xlsx.") String format;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.") Path out;
        @Option(names = "--confidence", description = "csv-wide: add a <var>_confidence column per variable.") boolean confidence;
        @Option(names = "--quotes", description = "csv-wide: add a <var>_quote column per variable.") boolean quotes;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String f = format.strip().toLowerCase();
            if (!List.of("csv-long", "csv-wide", "xlsx").contains(f)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv-long, csv-wide or xlsx, not '" + format + "'");
            }
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                GridService gs = new Grids(s, env).service();
                Grid g = resolve(gs, gridRef);
                GridTable t = gs.table(g.id());
                switch (f) {
                    case "csv-long" -> CsvExport.write(GridExport.longTable(t), out);
                    case "csv-wide" -> CsvExport.write(GridExport.wideTable(t, confidence, quotes, false), out);
                    default -> XlsxExport.write(List.of(GridExport.wideTable(t, true, true, true), GridExport.codebook(t), GridExport.quality(t)), out);
                }
                s.matter().audit().record("grid.exported", "grid", String.valueOf(g.id()), Map.of("format", f, "file", out.toAbsolutePath().toString()));
                System.out.println("Wrote " + out + " (" + t.rows().size() + " documents × " + t.variables().size() + " variables).");
                return 0;
            }
        }
    }
}
