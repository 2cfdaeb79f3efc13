package dev.quarry.ui.start;

import dev.quarry.app.UserSettings;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Messages;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The start screen: recent matters on the left, a new matter on the right, a password prompt on top. Binds and forwards only. */
public final class StartView extends StackPane {
    private final StartViewModel vm;

    public StartView(StartViewModel vm) {
        this.vm = vm;
        getStyleClass().add("start-root");
        VBox page = new VBox(28, header(), new ErrorBar(vm.error()), columns());
        page.getStyleClass().add("start-page");
        page.setMaxWidth(1040);
        page.setAlignment(Pos.TOP_CENTER);
        StackPane.setAlignment(page, Pos.TOP_CENTER);
        getChildren().addAll(page, passwordPrompt());
    }

    private Node header() {
        FontIcon logo = new FontIcon(Feather.LAYERS);
        logo.getStyleClass().add("brand-icon");
        Label title = new Label(Messages.get("app.name"));
        title.getStyleClass().add("brand-title");
        Label tagline = new Label(Messages.get("start.tagline"));
        tagline.getStyleClass().add("text-muted");
        VBox text = new VBox(2, title, tagline);
        HBox h = new HBox(14, logo, text);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private Node columns() {
        Node recent = recentCard();
        Node create = createCard();
        HBox.setHgrow(recent, Priority.ALWAYS);
        HBox.setHgrow(create, Priority.ALWAYS);
        HBox row = new HBox(24, recent, create);
        row.setFillHeight(true);
        return row;
    }

    private Node recentCard() {
        Label title = new Label(Messages.get("start.recent.title"));
        title.getStyleClass().add("card-title");
        ListView<UserSettings.RecentMatter> list = new ListView<>(vm.recent());
        list.setId("recent-list");
        list.getStyleClass().add("recent-list");
        list.setPlaceholder(new Label(Messages.get("start.recent.empty")));
        list.setCellFactory(l -> new RecentCell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) openSelected(list);
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) openSelected(list);
            if (e.getCode() == KeyCode.DELETE && list.getSelectionModel().getSelectedItem() != null) {
                vm.forget(list.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Button openSelected = new Button(Messages.get("start.recent.open"), new FontIcon(Feather.FOLDER));
        openSelected.setId("open-recent");
        openSelected.getStyleClass().add("accent");
        openSelected.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.busy()));
        openSelected.setOnAction(e -> openSelected(list));
        Button browse = new Button(Messages.get("start.open.browse"), new FontIcon(Feather.FOLDER_PLUS));
        browse.setId("open-browse");
        browse.disableProperty().bind(vm.busy());
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(Messages.get("start.open.chooserTitle"));
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) vm.open(dir.toPath());
        });
        HBox actions = new HBox(10, openSelected, browse);
        VBox card = new VBox(14, title, list, actions);
        card.getStyleClass().add("card-panel");
        card.setPrefWidth(480);
        return card;
    }

    private void openSelected(ListView<UserSettings.RecentMatter> list) {
        UserSettings.RecentMatter r = list.getSelectionModel().getSelectedItem();
        if (r != null && !vm.busy().get()) vm.open(Path.of(r.path()));
    }

    private Node createCard() {
        Label title = new Label(Messages.get("start.create.title"));
        title.getStyleClass().add("card-title");
        TextField name = new TextField();
        name.setId("create-name");
        name.setPromptText(Messages.get("start.create.namePrompt"));
        name.textProperty().bindBidirectional(vm.name());
        TextField location = new TextField();
        location.setId("create-location");
        location.setPromptText(Messages.get("start.create.locationPrompt"));
        location.textProperty().bindBidirectional(vm.location());
        HBox.setHgrow(location, Priority.ALWAYS);
        Button choose = new Button(Messages.get("start.create.choose"));
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(Messages.get("start.create.chooserTitle"));
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) vm.location().set(dir.getAbsolutePath());
        });
        HBox locationRow = new HBox(8, location, choose);
        PasswordField password = new PasswordField();
        password.setId("create-password");
        password.setPromptText(Messages.get("start.create.passwordPrompt"));
        password.textProperty().bindBidirectional(vm.password());
        PasswordField confirm = new PasswordField();
        confirm.setId("create-confirm");
        confirm.setPromptText(Messages.get("start.create.confirmPrompt"));
        confirm.textProperty().bindBidirectional(vm.confirm());
        confirm.disableProperty().bind(vm.password().isEmpty());
        ComboBox<String> model = new ComboBox<>();
        model.setId("create-model");
        model.getItems().setAll(StartViewModel.MODELS);
        model.valueProperty().bindBidirectional(vm.model());
        model.setMaxWidth(Double.MAX_VALUE);

        GridPane form = new GridPane();
        form.getStyleClass().add("form-grid");
        form.setHgap(12);
        form.setVgap(10);
        form.addRow(0, fieldLabel("start.create.name"), name);
        form.addRow(1, fieldLabel("start.create.location"), locationRow);
        form.addRow(2, fieldLabel("start.create.password"), password);
        form.addRow(3, fieldLabel("start.create.confirm"), confirm);
        form.addRow(4, fieldLabel("start.create.model"), model);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(locationRow, Priority.ALWAYS);

        Label passwordHint = new Label(Messages.get("start.create.passwordHint"));
        passwordHint.getStyleClass().addAll("text-muted", "text-small");
        passwordHint.setWrapText(true);
        Label target = new Label();
        target.getStyleClass().addAll("text-muted", "text-small");
        target.setWrapText(true);
        target.textProperty().bind(Bindings.createStringBinding(() -> {
            Path p = vm.targetFolder();
            return p == null ? "" : Messages.format("start.create.target", p);
        }, vm.name(), vm.location()));
        Label problem = new Label();
        problem.setId("create-problem");
        problem.getStyleClass().addAll("text-small", "field-problem");
        problem.textProperty().bind(Bindings.when(vm.name().isEmpty().and(vm.location().isEmpty()))
                .then("").otherwise(vm.createProblem()));
        Button create = new Button(Messages.get("start.create.button"), new FontIcon(Feather.PLUS));
        create.setId("create-button");
        create.getStyleClass().add("accent");
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.createProblem().isNotEmpty().or(vm.busy()));
        create.setOnAction(e -> vm.create());
        VBox card = new VBox(14, title, form, passwordHint, target, problem, create);
        card.getStyleClass().add("card-panel");
        card.setPrefWidth(520);
        return card;
    }

    private Node passwordPrompt() {
        Label title = new Label();
        title.getStyleClass().add("card-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.passwordFor().get() == null ? ""
                : Messages.format("start.password.title", vm.passwordFor().get().getFileName()), vm.passwordFor()));
        Label explain = new Label(Messages.get("start.password.explain"));
        explain.getStyleClass().add("text-muted");
        explain.setWrapText(true);
        PasswordField field = new PasswordField();
        field.setId("open-password");
        field.textProperty().bindBidirectional(vm.openPassword());
        field.setOnAction(e -> vm.submitPassword());
        Label problem = new Label();
        problem.setId("password-error");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.passwordError());
        problem.visibleProperty().bind(vm.passwordError().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Button open = new Button(Messages.get("start.password.open"), new FontIcon(Feather.UNLOCK));
        open.setId("open-password-submit");
        open.getStyleClass().add("accent");
        open.disableProperty().bind(vm.busy());
        open.setOnAction(e -> vm.submitPassword());
        Button cancel = new Button(Messages.get("common.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> vm.cancelPassword());
        HBox buttons = new HBox(10, open, cancel);
        FontIcon lock = new FontIcon(Feather.LOCK);
        lock.getStyleClass().add("prompt-icon");
        VBox card = new VBox(12, lock, title, explain, field, problem, buttons);
        card.getStyleClass().addAll("card-panel", "prompt-card");
        card.setMaxSize(440, Region.USE_PREF_SIZE);
        StackPane scrim = new StackPane(card);
        scrim.getStyleClass().add("scrim");
        scrim.visibleProperty().bind(vm.passwordFor().isNotNull());
        vm.passwordFor().addListener((o, a, b) -> {
            if (b != null) field.requestFocus();
        });
        return scrim;
    }

    private static Label fieldLabel(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static final class RecentCell extends ListCell<UserSettings.RecentMatter> {
        @Override
        protected void updateItem(UserSettings.RecentMatter item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label n = new Label(item.name());
            n.getStyleClass().add("recent-name");
            Label p = new Label(item.path());
            p.getStyleClass().addAll("text-muted", "text-small");
            FontIcon icon = new FontIcon(Feather.BRIEFCASE);
            icon.getStyleClass().add("recent-icon");
            HBox row = new HBox(12, icon, new VBox(2, n, p));
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
            setText(null);
        }
    }
}
