package dev.quarry.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Looking rows up by a list of ids, the way H2 answers it fast at every size: {@code col IN (?, ?, …)}
 * with one parameter per id, in batches. The alternatives fail at scale: {@code = ANY(?)} scans (ten
 * times slower at 29,000 chunks), and a join with the ids as {@code TABLE(k BIGINT = ?)} is planned
 * well on a small matter but, at 1,000,000 embeddings, H2 turns it around into a scan of the whole table
 * per lookup (50 s against 2 ms for 141 text keys, docs/BENCHMARKS.md).
 */
public final class SqlIn {
    private SqlIn() {}

    /** Ids per statement: few distinct statements for the statement cache, no huge parameter lists. */
    public static final int BATCH = 256;

    /** "?, ?, …" for {@code n} parameters. */
    public static String placeholders(int n) {
        if (n < 1) throw new IllegalArgumentException("An IN list needs at least one value");
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** The ids in batches of at most {@link #BATCH}. */
    public static List<List<Long>> batches(Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        return out;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code sqlUpToList + "?, ?, …)"} once per batch of ids and hands every row to {@code reader}.
     * @param sqlUpToList the statement up to and including "IN (", e.g. "SELECT … WHERE e.model_id = ? AND e.chunk_id IN ("
     * @param leading     the values of the parameters before the list, in order
     */
    public static void forEachRow(Database db, String sqlUpToList, List<String> leading, Collection<Long> ids, RowReader reader) {
        for (List<Long> batch : batches(ids)) {
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sqlUpToList + placeholders(batch.size()) + ")")) {
                    int p = 1;
                    for (String v : leading) ps.setString(p++, v);
                    for (Long id : batch) ps.setLong(p++, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) reader.read(rs);
                    }
                }
                return null;
            });
        }
    }
}
