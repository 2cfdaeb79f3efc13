package dev.quarry.ui.activity;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.AuditLog;
import dev.quarry.core.jobs.JobRecord;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.llm.LlmGateway;
import dev.quarry.retrieval.EmbeddingService;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Recent jobs and the matter's audit log (imports, embedding, every language model call), read off the FX thread. */
public final class ActivityViewModel {
    static final int LIMIT = 200;

    private record Snapshot(List<JobRecord> jobs, List<AuditLog.Event> events) {}

    private final TaskRunner tasks;
    private final JobRepository jobs;
    private final AuditLog audit;
    private final ObservableList<JobRecord> recentJobs = FXCollections.observableArrayList();
    private final ObservableList<AuditLog.Event> events = FXCollections.observableArrayList();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();

    public ActivityViewModel(TaskRunner tasks, JobRepository jobs, AuditLog audit) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.audit = audit;
    }

    public void refresh() {
        tasks.task("load activity", () -> new Snapshot(
                        jobs.recent(LIMIT).stream().filter(j -> !emptyEmbedJob(j)).toList(), audit.list("", LIMIT, 0)))
                .onSuccess(s -> {
                    recentJobs.setAll(s.jobs());
                    events.setAll(s.events());
                })
                .onError(error::set)
                .start();
    }

    /**
     * An embed job that finished having embedded nothing: older versions left one for every run that found
     * no chunk to embed (and never recorded their counts), so the pane filled with "0 of 0" rows.
     */
    static boolean emptyEmbedJob(JobRecord j) {
        return EmbeddingService.JOB_KIND.equals(j.kind()) && j.status() == JobStatus.COMPLETED
                && j.itemsTotal() == 0 && j.itemsDone() == 0 && j.error() == null;
    }

    /** A job's progress in its own units: files for an import, chunks for embedding. */
    static String progress(JobRecord j) {
        if (EmbeddingService.JOB_KIND.equals(j.kind())) {
            return Messages.format("activity.items.chunks", Formats.count(j.itemsDone()), Formats.count(j.itemsTotal()));
        }
        return Messages.format("activity.items", Formats.count(j.itemsDone()), Formats.count(j.itemsTotal()),
                Formats.count(j.itemsFailed()));
    }

    /** An event's details on one line: "provider: openai · tokens input: 1,234 · redacted: yes". */
    static String details(AuditLog.Event e) {
        return String.join(" · ", detailLines(e));
    }

    /**
     * An event's details as "key: value" lines, in the order they were recorded: underscores read as
     * spaces, numbers grouped, yes/no for flags, lists and nested values inline. Empty values and the text
     * sent to a language model (shown in full on its own) are left out.
     */
    static List<String> detailLines(AuditLog.Event e) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> d : LlmGateway.withoutSentText(e.details()).entrySet()) {
            String v = value(d.getValue());
            if (!v.isEmpty()) out.add(d.getKey().replace('_', ' ') + ": " + v);
        }
        return out;
    }

    private static String value(Object v) {
        if (v == null) return "";
        if (v instanceof Boolean b) return Messages.get(b ? "common.yes" : "common.no");
        if (v instanceof Long || v instanceof Integer || v instanceof Short) return Formats.count(((Number) v).longValue());
        if (v instanceof Collection<?> c) return c.stream().map(ActivityViewModel::value).collect(Collectors.joining(", "));
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(x -> String.valueOf(x.getKey()).replace('_', ' ') + " " + value(x.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }

    public ObservableList<JobRecord> recentJobs() { return recentJobs; }
    public ObservableList<AuditLog.Event> events() { return events; }
    public ObjectProperty<UserError> error() { return error; }
}
