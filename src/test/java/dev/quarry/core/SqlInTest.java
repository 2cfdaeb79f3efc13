package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlInTest {
    @Test
    void placeholdersAndBatches() {
        assertThat(SqlIn.placeholders(3)).isEqualTo("?, ?, ?");
        assertThatThrownBy(() -> SqlIn.placeholders(0)).isInstanceOf(IllegalArgumentException.class);
        List<Long> ids = LongStream.rangeClosed(1, 600).boxed().toList();
        assertThat(SqlIn.batches(ids)).extracting(List::size).containsExactly(256, 256, 88);
        assertThat(SqlIn.batches(List.of())).isEmpty();
    }

    @Test
    void everyBatchIsAskedAndEveryRowRead(@TempDir Path tmp) {
        try (Database db = Database.create(tmp, null)) {
            List<Long> asked = new ArrayList<>(LongStream.rangeClosed(1, 700).map(i -> i * 3).boxed().toList());
            asked.add(5_000L); // not in the range: no row
            List<Long> got = new ArrayList<>();
            SqlIn.forEachRow(db, "SELECT X FROM SYSTEM_RANGE(?, 3000) WHERE X IN (", List.of("1"), asked, rs -> got.add(rs.getLong(1)));
            assertThat(got).hasSize(700).containsAll(asked.subList(0, 700));
        }
    }
}
