package dev.quarry.ui.settings;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.app.UserSettings;
import dev.quarry.ui.common.Theme;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Application settings. The theme switches at once and is remembered per user (saved off the FX thread).
 * LLM providers, the offline switch, redaction and budget are filled in by the Q&A work.
 */
public final class SettingsViewModel {
    private final TaskRunner tasks;
    private final UserSettings userSettings;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();

    public SettingsViewModel(TaskRunner tasks, UserSettings userSettings, Theme initial, Consumer<Theme> apply) {
        this.tasks = tasks;
        this.userSettings = userSettings;
        theme.set(initial);
        theme.addListener((o, old, now) -> {
            if (now == null || now == old) return;
            apply.accept(now);
            tasks.task("save theme", () -> userSettings.update(p -> p.withTheme(now.id())))
                    .onError(error::set)
                    .start();
        });
    }

    public ObjectProperty<Theme> theme() { return theme; }
    public ObjectProperty<UserError> error() { return error; }
}
