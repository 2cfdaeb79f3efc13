package dev.quarry.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample run against the grid's previous sample run (issue 14 part 4): per variable, on the documents both ran,
 * how often the two agree, and how many cells each got right against the reviewers' values (feedback and overrides).
 */
public record RunComparison(long runId, Long previousRunId, List<PerVariable> variables) {

    public record PerVariable(String variable, int oldVersion, int newVersion, int common, double agreement, int reviewed,
                              int correctBefore, int correctAfter) {}

    public static RunComparison of(GridService gs, long runId) {
        GridRepository repo = gs.repository();
        GridRun run = repo.run(runId).orElseThrow();
        GridRun prev = null;
        for (GridRun r : repo.runs(run.gridId())) if (r.kind() == RunKind.SAMPLE && r.id() < runId) prev = r;
        if (prev == null) return new RunComparison(runId, null, List.of());
        Map<String, Cell> now = index(repo.cellsOfRun(runId));
        Map<String, Cell> before = index(repo.cellsOfRun(prev.id()));
        // What reviewers say is right, per document and variable: overrides first, then the newest verdict with a value.
        Map<String, String> truth = new HashMap<>();
        for (Feedback f : repo.feedback(run.gridId())) {
            String key = f.documentId() + ":" + f.variableId();
            if (f.correctedValue() != null) truth.put(key, f.correctedValue());
            else if (f.correct()) truth.put(key, f.markedValue() == null ? "" : f.markedValue());
        }
        for (CellOverride o : repo.overrides(run.gridId())) truth.put(o.documentId() + ":" + o.variableId(), o.value());
        List<PerVariable> out = new ArrayList<>();
        for (Variable v : repo.variables(run.gridId())) {
            if (!run.prompts().containsKey(v.id())) continue;
            List<Agreement.Pair> pairs = new ArrayList<>();
            int reviewed = 0;
            int okBefore = 0;
            int okAfter = 0;
            int oldV = 0;
            int newV = 0;
            for (Map.Entry<String, Cell> e : now.entrySet()) {
                Cell n = e.getValue();
                if (n.variableId() != v.id()) continue;
                newV = n.promptVersion();
                Cell o = before.get(e.getKey());
                if (o == null) continue;
                oldV = o.promptVersion();
                pairs.add(new Agreement.Pair(o.value(), n.value()));
                String t = truth.get(e.getKey());
                if (t != null) {
                    reviewed++;
                    if (Agreement.key(t).equals(Agreement.key(o.value()))) okBefore++;
                    if (Agreement.key(t).equals(Agreement.key(n.value()))) okAfter++;
                }
            }
            out.add(new PerVariable(v.name(), oldV, newV, pairs.size(), Agreement.share(pairs), reviewed, okBefore, okAfter));
        }
        return new RunComparison(runId, prev.id(), out);
    }

    private static Map<String, Cell> index(List<Cell> cells) {
        Map<String, Cell> m = new LinkedHashMap<>();
        for (Cell c : cells) m.put(c.documentId() + ":" + c.variableId(), c);
        return m;
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previous_run_id", previousRunId);
        m.put("variables", variables.stream().map(v -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("variable", v.variable());
            x.put("old_prompt_version", v.oldVersion());
            x.put("new_prompt_version", v.newVersion());
            x.put("documents_compared", v.common());
            x.put("agreement", Double.isNaN(v.agreement()) ? null : Math.round(v.agreement() * 1000) / 1000.0);
            x.put("reviewed", v.reviewed());
            x.put("correct_before", v.correctBefore());
            x.put("correct_after", v.correctAfter());
            return x;
        }).toList());
        return m;
    }

    public List<String> lines() {
        if (previousRunId == null) return List.of("First sample of this grid: nothing to compare with yet.");
        List<String> out = new ArrayList<>();
        out.add("Against sample run " + previousRunId + ":");
        for (PerVariable v : variables) {
            out.add(String.format("%s v%d→v%d: %s agreement on %d documents; reviewed %d, right before %d, after %d", v.variable(),
                    v.oldVersion(), v.newVersion(), Double.isNaN(v.agreement()) ? "no" : String.format("%.0f%%", v.agreement() * 100), v.common(),
                    v.reviewed(), v.correctBefore(), v.correctAfter()));
        }
        return out;
    }
}
