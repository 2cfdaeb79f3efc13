package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.UserSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A matter made with `quarry matter create` is at the top of the app's recent list (settings under QUARRY_HOME). */
class RecentMattersTest {
    @TempDir Path tmp;
    String oldHome;

    @BeforeEach
    void ownHome() {
        oldHome = System.getProperty("quarry.home");
        System.setProperty("quarry.home", tmp.resolve("home").toString());
    }

    @AfterEach
    void restoreHome() {
        if (oldHome == null) System.clearProperty("quarry.home"); else System.setProperty("quarry.home", oldHome);
    }

    @Test
    void aMatterCreatedOnTheCommandLineIsInTheAppsRecentList() {
        Path first = tmp.resolve("first"), second = tmp.resolve("second");
        assertThat(CliTest.quarry("matter", "create", first.toString(), "--name", "Acme v. Widget").code()).isZero();
        assertThat(CliTest.quarry("matter", "create", second.toString()).code()).isZero();

        // What the app's start screen reads: a fresh UserSettings on the same file.
        UserSettings app = new UserSettings(tmp.resolve("home").resolve("settings.json"));
        var recent = app.load().recent();
        assertThat(recent).hasSize(2);
        assertThat(recent.get(0).path()).isEqualTo(second.toAbsolutePath().normalize().toString());
        assertThat(recent.get(0).name()).isEqualTo("second");
        assertThat(recent.get(1).path()).isEqualTo(first.toAbsolutePath().normalize().toString());
        assertThat(recent.get(1).name()).isEqualTo("Acme v. Widget");
    }
}
