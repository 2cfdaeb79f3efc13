package dev.quarry.extraction;

import dev.quarry.core.jobs.JobStatus;
import dev.quarry.evidence.Evidence;
import java.time.Instant;
import java.util.Map;

/**
 * A run of a grid: a job over a fixed list of documents, pinned to its prompt versions (variable id → prompt id)
 * and its model, so a resumed or repeated run decides with the same words.
 */
public record GridRun(long id, long gridId, long jobId, RunKind kind, Evidence.Mode mode, String model, Long seed,
                      Map<Long, Long> prompts, long cellsTotal, Instant createdAt, JobStatus jobStatus, long cellsDone,
                      Instant startedAt, Instant finishedAt) {}
