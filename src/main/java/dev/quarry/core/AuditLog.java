package dev.quarry.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Append-only audit events of a matter (imports, deletions, every LLM call). */
public final class AuditLog {
    public record Event(long id, Instant occurredAt, String type, String entityType, String entityId,
                        String actor, Map<String, Object> details) {}

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(String type, String entityType, String entityId, Map<String, ?> details) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events "
                    + "(occurred_at, event_type, entity_type, entity_id, actor, details) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setTimestamp(1, Timestamp.from(Clock.now()));
                ps.setString(2, type);
                ps.setString(3, entityType);
                ps.setString(4, entityId);
                ps.setString(5, System.getProperty("user.name"));
                ps.setString(6, details == null ? null : Json.write(details));
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first. */
    public List<Event> list(String typePrefix, int limit, int offset) {
        return query("WHERE event_type LIKE ? ORDER BY id DESC LIMIT ? OFFSET ?", ps -> {
            ps.setString(1, (typePrefix == null ? "" : typePrefix) + "%");
            ps.setInt(2, limit);
            ps.setInt(3, offset);
        });
    }

    public java.util.Optional<Event> find(long id) {
        return query("WHERE id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws java.sql.SQLException;
    }

    private List<Event> query(String where, Binder binder) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, occurred_at, event_type, entity_type, entity_id, "
                    + "actor, details FROM audit_events " + where)) {
                binder.bind(ps);
                List<Event> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String d = rs.getString(7);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> details = d == null ? Map.of() : readMap(d);
                        out.add(new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), details));
                    }
                }
                return out;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(String json) {
        try {
            return Json.MAPPER.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            return Map.of("unreadable", json);
        }
    }
}
