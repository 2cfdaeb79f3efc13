package dev.quarry.core.jobs;

import java.time.Instant;

public record JobRecord(long id, String kind, JobStatus status, String params, Long productionId,
                        long itemsTotal, long itemsDone, long itemsFailed, long bytesTotal, long bytesDone,
                        long pagesDone, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {}
