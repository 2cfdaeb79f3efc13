package dev.quarry.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void sizesDurationsAndBatesReadNaturally() {
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(Formats.bytes(250L * 1024 * 1024)).isEqualTo("250 MB");
        assertThat(Formats.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Formats.duration(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(Formats.duration(Duration.ofSeconds(3720))).isEqualTo("1 h 02 min");
        assertThat(Formats.duration(null)).isEqualTo("—");
        assertThat(Formats.batesRange("ABC0001", "ABC0009")).isEqualTo("ABC0001 – ABC0009");
        assertThat(Formats.batesRange("ABC0001", "ABC0001")).isEqualTo("ABC0001");
        assertThat(Formats.batesRange(null, null)).isEmpty();
    }

    @Test
    void everyMessageKeyUsedExists() {
        assertThat(Messages.get("app.name")).isEqualTo("Quarry");
        assertThat(Messages.format("app.titleWithMatter", "Acme")).isEqualTo("Quarry — Acme");
        assertThat(Messages.format("import.resumeOffer", 1)).isEqualTo("An import was interrupted before it finished.");
        assertThat(Messages.format("import.resumeOffer", 3)).startsWith("3 imports");
    }
}
