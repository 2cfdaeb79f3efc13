package dev.quarry.letters;

import java.time.Instant;

/** A letter drafted from one report with one template; its text lives in its versions. */
public record Letter(long id, long reportId, String template, String style, String reportSnapshot,
                     String createdBy, Instant createdAt, int latestVersion) {}
