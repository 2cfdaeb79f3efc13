package dev.quarry.ui.activity;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.AuditLog;
import dev.quarry.core.jobs.JobRecord;
import dev.quarry.core.jobs.JobRepository;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Recent jobs and the matter's audit log (imports now; every LLM call once Q&A lands), read off the FX thread. */
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
        tasks.task("load activity", () -> new Snapshot(jobs.recent(LIMIT), audit.list("", LIMIT, 0)))
                .onSuccess(s -> {
                    recentJobs.setAll(s.jobs());
                    events.setAll(s.events());
                })
                .onError(error::set)
                .start();
    }

    public ObservableList<JobRecord> recentJobs() { return recentJobs; }
    public ObservableList<AuditLog.Event> events() { return events; }
    public ObjectProperty<UserError> error() { return error; }
}
