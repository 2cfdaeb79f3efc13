package dev.quarry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSettingsTest {
    @TempDir
    Path home;

    @Test
    void startsWithDefaultsAndRemembersThemeAndRecentMattersAcrossInstances() {
        Path file = home.resolve("settings.json");
        UserSettings s = new UserSettings(file);
        assertThat(s.load().theme()).isEqualTo("light");
        assertThat(s.load().recent()).isEmpty();
        s.update(p -> p.withTheme("dark").withRecent(home.resolve("a"), "Alpha", Instant.EPOCH)
                .withRecent(home.resolve("b"), "Beta", Instant.EPOCH));

        UserSettings again = new UserSettings(file);
        assertThat(again.load().theme()).isEqualTo("dark");
        assertThat(again.load().recent()).extracting(UserSettings.RecentMatter::name).containsExactly("Beta", "Alpha");
        assertThat(home).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void reopeningAMatterMovesItToTheTopWithoutDuplicatesAndTheListIsCapped() {
        UserSettings.Prefs p = new UserSettings.Prefs(null, null);
        for (int i = 0; i < 15; i++) p = p.withRecent(home.resolve("m" + i), "M" + i, Instant.EPOCH);
        p = p.withRecent(home.resolve("m10"), "M10", Instant.EPOCH);
        assertThat(p.recent()).hasSize(UserSettings.MAX_RECENT);
        assertThat(p.recent().get(0).name()).isEqualTo("M10");
        assertThat(p.recent()).extracting(UserSettings.RecentMatter::name).doesNotHaveDuplicates();
        assertThat(p.withoutRecent(home.resolve("m10").toString()).recent()).hasSize(UserSettings.MAX_RECENT - 1);
    }

    @Test
    void aDamagedFileGivesDefaultsAndIsSetAside() throws Exception {
        Path file = home.resolve("settings.json");
        Files.writeString(file, "{ not json");
        UserSettings s = new UserSettings(file);
        assertThat(s.load().theme()).isEqualTo("light");
        assertThat(home.resolve("settings.json.damaged")).exists();
        s.save(s.load().withTheme("dark"));
        assertThat(Files.readString(file)).contains("\"dark\"");
    }
}
