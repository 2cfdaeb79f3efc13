package dev.quarry.ui.ask;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Settings;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.EgressPolicy;
import dev.quarry.llm.LlmProvider;
import dev.quarry.llm.LlmSettings;
import dev.quarry.ui.common.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The matter's model settings (provider, base URL, model: {@link LlmSettings} keys), its egress policy
 * (offline, redaction, budget: {@link EgressPolicy} keys) and the user's API key. The key goes only to
 * {@link ApiKeys}; the pane never shows it back, only whether one is saved.
 */
public final class LlmSettingsViewModel {
    private final TaskRunner tasks;
    private final Settings settings;
    private final ApiKeys keys;
    private final Map<String, String> env;

    private final ObjectProperty<LlmProvider> provider = new SimpleObjectProperty<>(LlmProvider.OPENAI);
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty newKey = new SimpleStringProperty("");
    private final BooleanProperty keySaved = new SimpleBooleanProperty();
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final BooleanProperty redact = new SimpleBooleanProperty();
    private final StringProperty queriesPerHour = new SimpleStringProperty("");
    private final StringProperty tokensPerDay = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();

    private record Loaded(LlmProvider provider, String baseUrl, String model, boolean keySaved, EgressPolicy policy) {}

    /** Where a saved API key is kept, said plainly on the settings screen. */
    public String keyLocation() {
        return keys.file().toString();
    }

    public LlmSettingsViewModel(TaskRunner tasks, Settings settings, ApiKeys keys, Map<String, String> env) {
        this.tasks = tasks;
        this.settings = settings;
        this.keys = keys;
        this.env = env;
    }

    public void load() {
        tasks.task("load model settings", () -> {
                    LlmProvider p = LlmProvider.of(settings.find(LlmSettings.PROVIDER).orElse("openai"));
                    return new Loaded(p, settings.find(LlmSettings.BASE_URL).orElse(""), settings.find(LlmSettings.MODEL).orElse(""),
                            keys.find(p, Map.of()).isPresent(), EgressPolicy.from(settings));
                })
                .onSuccess(l -> {
                    provider.set(l.provider());
                    baseUrl.set(l.baseUrl());
                    model.set(l.model());
                    keySaved.set(l.keySaved());
                    offline.set(l.policy().offline());
                    redact.set(l.policy().redact());
                    queriesPerHour.set(String.valueOf(l.policy().queriesPerHour()));
                    tokensPerDay.set(String.valueOf(l.policy().tokensPerDay()));
                    status.set(env.containsKey("QUARRY_LLM_MODEL") ? Messages.get("llm.envOverrides") : "");
                })
                .onError(error::set)
                .start();
    }

    /** What {@link #save()} writes to the matter's settings; checks the numbers and the URL first. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(LlmSettings.PROVIDER, provider.get().id());
        String url = strip(baseUrl.get());
        if (!url.isEmpty() && !url.matches("(?i)https?://\\S+")) throw new QuarryException(Messages.get("llm.badUrl"));
        out.put(LlmSettings.BASE_URL, url);
        out.put(LlmSettings.MODEL, strip(model.get()));
        out.put(EgressPolicy.OFFLINE, String.valueOf(offline.get()));
        out.put(EgressPolicy.REDACT, String.valueOf(redact.get()));
        out.put(EgressPolicy.QUERIES_PER_HOUR, String.valueOf(positive(queriesPerHour.get(), "llm.queriesPerHour")));
        out.put(EgressPolicy.TOKENS_PER_DAY, String.valueOf(positive(tokensPerDay.get(), "llm.tokensPerDay")));
        return out;
    }

    public void save() {
        Map<String, String> v;
        try {
            v = values();
        } catch (QuarryException e) {
            error.set(UserError.of(e.getMessage()));
            return;
        }
        String key = strip(newKey.get());
        LlmProvider p = provider.get();
        error.set(null);
        tasks.task("save model settings", () -> {
                    v.forEach(settings::put);
                    if (!key.isEmpty()) keys.store(p, key);
                    return keys.find(p, Map.of()).isPresent();
                })
                .onSuccess(saved -> {
                    newKey.set("");
                    keySaved.set(saved);
                    status.set(Messages.get("llm.saved"));
                })
                .onError(error::set)
                .start();
    }

    private static long positive(String s, String labelKey) {
        try {
            long n = Long.parseLong(strip(s).replace(",", ""));
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // falls through to the sentence below
        }
        throw new QuarryException(Messages.format("llm.badNumber", Messages.get(labelKey)));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    public ObjectProperty<LlmProvider> provider() { return provider; }
    public StringProperty baseUrl() { return baseUrl; }
    public StringProperty model() { return model; }
    public StringProperty newKey() { return newKey; }
    public BooleanProperty keySaved() { return keySaved; }
    public BooleanProperty offline() { return offline; }
    public BooleanProperty redact() { return redact; }
    public StringProperty queriesPerHour() { return queriesPerHour; }
    public StringProperty tokensPerDay() { return tokensPerDay; }
    public StringProperty status() { return status; }
    public ObjectProperty<UserError> error() { return error; }
}
