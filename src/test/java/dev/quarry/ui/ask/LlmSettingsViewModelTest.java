package dev.quarry.ui.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.Matter;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.EgressPolicy;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmProvider;
import dev.quarry.llm.LlmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmSettingsViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void savesTheModelAndPolicyAsMatterSettingsAndTheKeyOnlyInTheUsersFile() throws Exception {
        ApiKeys keys = new ApiKeys(tmp.resolve("home/credentials.properties"));
        try (Matter m = Matter.create(tmp.resolve("matter"), "Settings", null, null)) {
            LlmSettingsViewModel vm = new LlmSettingsViewModel(TaskRunner.sameThread(), m.settings(), keys, Map.of());
            vm.load();
            assertThat(vm.keySaved().get()).isFalse();
            assertThat(vm.queriesPerHour().get()).isEqualTo(String.valueOf(EgressPolicy.DEFAULT_QUERIES_PER_HOUR));

            vm.provider().set(LlmProvider.ANTHROPIC);
            vm.baseUrl().set(" http://127.0.0.1:9999 ");
            vm.model().set("claude-test");
            vm.newKey().set("sk-secret-123");
            vm.redact().set(true);
            vm.tokensPerDay().set("50,000");
            vm.save();

            assertThat(vm.error().get()).isNull();
            assertThat(vm.newKey().get()).isEmpty();
            assertThat(vm.keySaved().get()).isTrue();
            LlmConfig c = LlmSettings.resolve(m.settings(), Map.of(), keys).orElseThrow();
            assertThat(c.provider()).isEqualTo(LlmProvider.ANTHROPIC);
            assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:9999");
            assertThat(c.model()).isEqualTo("claude-test");
            assertThat(c.apiKey()).isEqualTo("sk-secret-123");
            EgressPolicy p = EgressPolicy.from(m.settings());
            assertThat(p.redact()).isTrue();
            assertThat(p.offline()).isFalse();
            assertThat(p.tokensPerDay()).isEqualTo(50_000);
            assertThat(m.settings().all().values()).noneMatch(v -> v != null && v.contains("sk-secret"));
            assertThat(Files.readString(tmp.resolve("home/credentials.properties"))).contains("sk-secret-123");
        }
    }

    @Test
    void badNumbersAndUrlsAreRefusedWithOneSentence() throws Exception {
        try (Matter m = Matter.create(tmp.resolve("matter"), "Settings", null, null)) {
            LlmSettingsViewModel vm = new LlmSettingsViewModel(TaskRunner.sameThread(), m.settings(),
                    new ApiKeys(tmp.resolve("k.properties")), Map.of());
            vm.load();
            vm.queriesPerHour().set("lots");
            vm.save();
            assertThat(vm.error().get().message()).isEqualTo("Questions per hour must be a whole number above zero.");
            vm.queriesPerHour().set("10");
            vm.baseUrl().set("ftp://x");
            vm.save();
            assertThat(vm.error().get().message()).contains("http://");
            assertThat(m.settings().find(EgressPolicy.QUERIES_PER_HOUR)).isEmpty();
        }
    }
}
