package dev.quarry.core.jobs;

/** queued → running → completed | failed | cancelled; a running job found after a crash is interrupted and resumable. */
public enum JobStatus {
    QUEUED, RUNNING, INTERRUPTED, CANCELLED, COMPLETED, FAILED;

    public String db() {
        return name().toLowerCase();
    }

    public static JobStatus of(String s) {
        return valueOf(s.toUpperCase());
    }

    public boolean terminal() {
        return this == CANCELLED || this == COMPLETED || this == FAILED;
    }
}
