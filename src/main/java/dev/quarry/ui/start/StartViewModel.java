package dev.quarry.ui.start;

import dev.quarry.app.MatterSession;
import dev.quarry.app.Matters;
import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.app.UserSettings;
import dev.quarry.core.Clock;
import dev.quarry.ui.common.Messages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The start screen's state: recent matters, the create form with its validation, and the open flow
 * (which asks for a password when the matter is encrypted and lets the user retry a wrong one).
 * Everything slow goes through the {@link TaskRunner}; no JavaFX nodes here.
 */
public final class StartViewModel {
    public static final List<String> MODELS = List.of("bge-small-en-v1.5-q", "all-minilm-l6-v2");

    private final TaskRunner tasks;
    private final Matters matters;
    private final UserSettings userSettings;
    private final Consumer<MatterSession> onOpened;

    private final ObservableList<UserSettings.RecentMatter> recent = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty location = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirm = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty(MODELS.get(0));
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    /** Non-null while the user is being asked for the password of this encrypted matter. */
    private final ObjectProperty<Path> passwordFor = new SimpleObjectProperty<>();
    private final StringProperty openPassword = new SimpleStringProperty("");
    private final StringProperty passwordError = new SimpleStringProperty("");
    private final StringBinding createProblem;

    public StartViewModel(TaskRunner tasks, Matters matters, UserSettings userSettings, Consumer<MatterSession> onOpened) {
        this.tasks = tasks;
        this.matters = matters;
        this.userSettings = userSettings;
        this.onOpened = onOpened;
        this.createProblem = Bindings.createStringBinding(this::validateCreate, name, location, password, confirm);
    }

    /** Loads the recent matters (off the FX thread). */
    public void load() {
        tasks.task("load recent matters", () -> userSettings.load().recent())
                .onSuccess(recent::setAll)
                .onError(error::set)
                .start();
    }

    /** The first problem with the create form as a sentence, or "" when it can be submitted. */
    public String validateCreate() {
        if (name.get() == null || name.get().isBlank()) return Messages.get("start.create.needName");
        if (location.get() == null || location.get().isBlank()) return Messages.get("start.create.needFolder");
        if (!password.get().isEmpty() && !password.get().equals(confirm.get())) return Messages.get("start.create.mismatch");
        return "";
    }

    /** The folder the new matter will be made in: the chosen location plus a folder named after the matter. */
    public Path targetFolder() {
        if (location.get() == null || location.get().isBlank()) return null;
        String n = name.get() == null ? "" : name.get().strip().replaceAll("[\\\\/:*?\"<>|]", "_");
        return n.isEmpty() ? Path.of(location.get()) : Path.of(location.get()).resolve(n);
    }

    public void create() {
        String problem = validateCreate();
        if (!problem.isEmpty()) {
            error.set(UserError.of(problem));
            return;
        }
        Path dir = targetFolder();
        char[] pw = password.get().isEmpty() ? null : password.get().toCharArray();
        String matterName = name.get().strip();
        String m = model.get();
        busy.set(true);
        error.set(null);
        tasks.task("create matter", () -> {
                    try {
                        MatterSession s = matters.create(dir, matterName, pw, m);
                        remember(s);
                        return s;
                    } finally {
                        if (pw != null) Arrays.fill(pw, '\0');
                    }
                })
                .onSuccess(s -> {
                    password.set("");
                    confirm.set("");
                    onOpened.accept(s);
                })
                .onError(error::set)
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** Opens a matter folder; asks for the password first when it is encrypted. */
    public void open(Path dir) {
        busy.set(true);
        error.set(null);
        tasks.task("open matter", () -> matters.isEncrypted(dir) ? null : remember(matters.open(dir, null)))
                .onSuccess(s -> {
                    if (s == null) {
                        openPassword.set("");
                        passwordError.set("");
                        passwordFor.set(dir);
                    } else {
                        onOpened.accept(s);
                    }
                })
                .onError(error::set)
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** Tries the typed password; a wrong one stays on the prompt with the reason, ready for another try. */
    public void submitPassword() {
        Path dir = passwordFor.get();
        if (dir == null) return;
        if (openPassword.get().isEmpty()) {
            passwordError.set(Messages.get("start.password.empty"));
            return;
        }
        char[] pw = openPassword.get().toCharArray();
        busy.set(true);
        passwordError.set("");
        tasks.task("open encrypted matter", () -> {
                    try {
                        return remember(matters.open(dir, pw));
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                })
                .onSuccess(s -> {
                    openPassword.set("");
                    passwordFor.set(null);
                    onOpened.accept(s);
                })
                .onError(e -> {
                    openPassword.set("");
                    passwordError.set(e.message());
                })
                .onFinally(() -> busy.set(false))
                .start();
    }

    public void cancelPassword() {
        passwordFor.set(null);
        openPassword.set("");
        passwordError.set("");
    }

    public void forget(UserSettings.RecentMatter r) {
        recent.remove(r);
        tasks.task("forget recent matter", () -> userSettings.update(p -> p.withoutRecent(r.path())))
                .onError(error::set)
                .start();
    }

    private MatterSession remember(MatterSession s) {
        userSettings.update(p -> p.withRecent(s.matter().dir(), s.matter().name(), Clock.now()));
        return s;
    }

    public ObservableList<UserSettings.RecentMatter> recent() { return recent; }
    public StringProperty name() { return name; }
    public StringProperty location() { return location; }
    public StringProperty password() { return password; }
    public StringProperty confirm() { return confirm; }
    public StringProperty model() { return model; }
    public BooleanProperty busy() { return busy; }
    public ObjectProperty<UserError> error() { return error; }
    public ObjectProperty<Path> passwordFor() { return passwordFor; }
    public StringProperty openPassword() { return openPassword; }
    public StringProperty passwordError() { return passwordError; }
    public StringBinding createProblem() { return createProblem; }
}
