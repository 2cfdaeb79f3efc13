package dev.quarry.ui.ask;

import dev.quarry.llm.LlmProvider;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Messages;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The matter's language model, key, offline switch, redaction and budget: one card with one Save. */
public final class LlmSettingsView extends VBox {
    public LlmSettingsView(LlmSettingsViewModel vm) {
        super(10);
        getStyleClass().add("card-panel");
        setId("llm-settings");
        Label title = new Label(Messages.get("llm.title"), new FontIcon(Feather.CPU));
        title.getStyleClass().add("card-title");
        Label body = new Label(Messages.format("llm.body", vm.keyLocation()));
        body.getStyleClass().add("text-muted");
        body.setWrapText(true);

        ComboBox<LlmProvider> provider = new ComboBox<>();
        provider.setId("llm-provider");
        provider.getItems().setAll(LlmProvider.values());
        provider.valueProperty().bindBidirectional(vm.provider());
        provider.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(LlmProvider p) { return p == null ? "" : Messages.get("llm.provider." + p.id()); }
            @Override public LlmProvider fromString(String s) { return null; }
        });
        TextField url = field("llm-base-url", vm.baseUrl().get());
        url.textProperty().bindBidirectional(vm.baseUrl());
        url.promptTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.provider().get() == null ? "" : vm.provider().get().defaultBaseUrl(), vm.provider()));
        TextField model = field("llm-model", null);
        model.setPromptText(Messages.get("llm.model.prompt"));
        model.textProperty().bindBidirectional(vm.model());
        PasswordField key = new PasswordField();
        key.setId("llm-key");
        key.textProperty().bindBidirectional(vm.newKey());
        key.promptTextProperty().bind(javafx.beans.binding.Bindings.when(vm.keySaved())
                .then(Messages.get("llm.key.saved")).otherwise(Messages.get("llm.key.none")));
        CheckBox offline = new CheckBox(Messages.get("llm.offline"));
        offline.setId("llm-offline");
        offline.selectedProperty().bindBidirectional(vm.offline());
        CheckBox redact = new CheckBox(Messages.get("llm.redact"));
        redact.setId("llm-redact");
        redact.selectedProperty().bindBidirectional(vm.redact());
        TextField perHour = field("llm-queries-per-hour", null);
        perHour.textProperty().bindBidirectional(vm.queriesPerHour());
        TextField perDay = field("llm-tokens-per-day", null);
        perDay.textProperty().bindBidirectional(vm.tokensPerDay());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        row(grid, 0, "llm.provider", provider);
        row(grid, 1, "llm.baseUrl", url);
        row(grid, 2, "llm.model", model);
        row(grid, 3, "llm.key", key);
        row(grid, 4, "llm.queriesPerHour", perHour);
        row(grid, 5, "llm.tokensPerDay", perDay);

        Button save = new Button(Messages.get("llm.save"), new FontIcon(Feather.SAVE));
        save.setId("llm-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> vm.save());
        Label status = new Label();
        status.setId("llm-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.status());
        HBox actions = new HBox(10, save, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, body, new ErrorBar(vm.error()), grid, offline, redact, actions);
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        GridPane.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private static void row(GridPane g, int r, String key, Node control) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("field-label");
        g.add(l, 0, r);
        g.add(control, 1, r);
    }
}
