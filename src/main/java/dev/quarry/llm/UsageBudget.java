package dev.quarry.llm;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Queries per hour and tokens per day, counted in the matter's {@code llm_usage} table (one row per clock
 * hour, UTC) so the budget survives restarts and travels with the matter.
 */
public final class UsageBudget {
    private final Database db;

    public UsageBudget(Database db) {
        this.db = db;
    }

    public record Usage(int queriesThisHour, long tokensToday) {}

    public Usage usage() {
        Instant now = Clock.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "COALESCE(SUM(CASE WHEN hour_start = ? THEN queries ELSE 0 END), 0), "
                    + "COALESCE(SUM(tokens_input + tokens_output), 0) FROM llm_usage WHERE hour_start >= ?")) {
                ps.setTimestamp(1, Timestamp.from(hour));
                ps.setTimestamp(2, Timestamp.from(day));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Usage(rs.getInt(1), rs.getLong(2));
                }
            }
        });
    }

    /** Counts one call against the hour, or throws budget_exceeded without counting it. */
    synchronized void reserve(EgressPolicy policy) {
        Usage u = usage();
        if (policy.queriesPerHour() > 0 && u.queriesThisHour() >= policy.queriesPerHour()) {
            throw new LlmException(LlmFailure.BUDGET_EXCEEDED, "The limit of " + policy.queriesPerHour()
                    + " language model calls per hour is reached; wait for the next hour or raise it in settings.",
                    "queries this hour: " + u.queriesThisHour(), null, 0);
        }
        if (policy.tokensPerDay() > 0 && u.tokensToday() >= policy.tokensPerDay()) {
            throw new LlmException(LlmFailure.BUDGET_EXCEEDED, "The limit of " + policy.tokensPerDay()
                    + " language model tokens per day is reached; wait until tomorrow (UTC) or raise it in settings.",
                    "tokens today: " + u.tokensToday(), null, 0);
        }
        add(1, 0, 0);
    }

    void addTokens(int input, int output) {
        add(0, input, output);
    }

    private void add(int queries, long in, long out) {
        Instant hour = Clock.now().truncatedTo(ChronoUnit.HOURS);
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO llm_usage u USING (VALUES (CAST(? AS TIMESTAMP WITH TIME ZONE))) v(h) "
                    + "ON u.hour_start = v.h "
                    + "WHEN MATCHED THEN UPDATE SET queries = queries + ?, tokens_input = tokens_input + ?, tokens_output = tokens_output + ? "
                    + "WHEN NOT MATCHED THEN INSERT (hour_start, queries, tokens_input, tokens_output) VALUES (v.h, ?, ?, ?)")) {
                ps.setTimestamp(1, Timestamp.from(hour));
                ps.setInt(2, queries);
                ps.setLong(3, in);
                ps.setLong(4, out);
                ps.setInt(5, queries);
                ps.setLong(6, in);
                ps.setLong(7, out);
                return ps.executeUpdate();
            }
        });
    }
}
