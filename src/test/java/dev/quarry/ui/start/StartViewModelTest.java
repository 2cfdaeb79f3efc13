package dev.quarry.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.MatterSession;
import dev.quarry.app.Matters;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start screen's logic without a screen: same-thread runner, real matters on disk. */
class StartViewModelTest {
    @TempDir
    Path tmp;
    private final List<MatterSession> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(MatterSession::close);
    }

    private StartViewModel vm(UserSettings settings) {
        return new StartViewModel(TaskRunner.sameThread(), new Matters(), settings, opened::add);
    }

    @Test
    void createFormSaysWhatIsMissing() {
        StartViewModel vm = vm(new UserSettings(tmp.resolve("settings.json")));
        assertThat(vm.createProblem().get()).isEqualTo("Give the matter a name.");
        vm.name().set("Acme v. Globex");
        assertThat(vm.createProblem().get()).isEqualTo("Choose a location for the matter.");
        vm.location().set(tmp.toString());
        assertThat(vm.createProblem().get()).isEmpty();
        vm.password().set("s3cret");
        vm.confirm().set("s3cre");
        assertThat(vm.createProblem().get()).isEqualTo("The two passwords are not the same.");
        vm.confirm().set("s3cret");
        assertThat(vm.createProblem().get()).isEmpty();
        assertThat(vm.targetFolder()).isEqualTo(tmp.resolve("Acme v. Globex"));
    }

    @Test
    void anEncryptedMatterReopensOnlyWithItsPasswordAndAWrongOneCanBeRetried() {
        UserSettings settings = new UserSettings(tmp.resolve("settings.json"));
        StartViewModel vm = vm(settings);
        vm.name().set("Secret Matter");
        vm.location().set(tmp.toString());
        vm.password().set("correct horse");
        vm.confirm().set("correct horse");
        vm.create();
        assertThat(vm.error().get()).isNull();
        assertThat(opened).hasSize(1);
        Path dir = opened.get(0).matter().dir();
        assertThat(opened.get(0).matter().encrypted()).isTrue();
        opened.remove(0).close();

        StartViewModel again = vm(settings);
        again.load();
        assertThat(again.recent()).extracting(UserSettings.RecentMatter::name).containsExactly("Secret Matter");
        again.open(dir);
        assertThat(again.passwordFor().get()).isEqualTo(dir);
        assertThat(opened).isEmpty();

        again.openPassword().set("wrong");
        again.submitPassword();
        assertThat(again.passwordError().get()).isEqualTo("The password is not right for this matter.");
        assertThat(again.passwordFor().get()).isEqualTo(dir);
        assertThat(again.openPassword().get()).isEmpty();
        assertThat(opened).isEmpty();

        again.openPassword().set("correct horse");
        again.submitPassword();
        assertThat(again.passwordFor().get()).isNull();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).matter().name()).isEqualTo("Secret Matter");
    }

    @Test
    void creatingInANonEmptyMatterFolderShowsOneSentence() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("Busy"));
        java.nio.file.Files.writeString(tmp.resolve("Busy/file.txt"), "x");
        StartViewModel vm = vm(new UserSettings(tmp.resolve("settings.json")));
        vm.name().set("Busy");
        vm.location().set(tmp.toString());
        vm.create();
        assertThat(opened).isEmpty();
        assertThat(vm.error().get().message()).contains("is not empty").doesNotContain("Exception");
        assertThat(vm.busy().get()).isFalse();
    }

    @Test
    void openingAFolderThatIsNotAMatterSaysSo() {
        StartViewModel vm = vm(new UserSettings(tmp.resolve("settings.json")));
        vm.open(tmp);
        assertThat(vm.error().get().message()).contains("is not a Quarry matter");
        assertThat(vm.passwordFor().get()).isNull();
    }
}
