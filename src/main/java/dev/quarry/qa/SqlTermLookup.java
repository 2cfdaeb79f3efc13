package dev.quarry.qa;

import dev.quarry.core.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;

/** {@link TermLookup} by a scan of the chunks table: slow on big matters, but needs no index. */
public final class SqlTermLookup implements TermLookup {
    private final Database db;

    public SqlTermLookup(Database db) {
        this.db = db;
    }

    @Override
    public boolean occurs(String term) {
        String t = term.toLowerCase(Locale.ROOT).strip();
        if (t.isEmpty()) return false;
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chunks WHERE LOCATE(?, LOWER(text)) > 0 LIMIT 1")) {
                ps.setString(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
