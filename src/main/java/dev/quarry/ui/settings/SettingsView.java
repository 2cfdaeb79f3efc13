package dev.quarry.ui.settings;

import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Messages;
import dev.quarry.ui.common.Theme;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings: the theme now; honest placeholders for what the Q&A issue adds. */
public final class SettingsView extends ScrollPane {

    public SettingsView(SettingsViewModel vm) {
        this(vm, null);
    }

    /** @param matterCard the open matter's model, egress and budget settings (replaces their placeholders), or null */
    public SettingsView(SettingsViewModel vm, Node matterCard) {
        getStyleClass().add("settings-pane");
        setFitToWidth(true);
        Label title = new Label(Messages.get("nav.settings"));
        title.getStyleClass().add("pane-title");

        ToggleGroup group = new ToggleGroup();
        ToggleButton light = new ToggleButton(Messages.get("settings.theme.light"), new FontIcon(Feather.SUN));
        light.setId("theme-light");
        light.setUserData(Theme.LIGHT);
        ToggleButton dark = new ToggleButton(Messages.get("settings.theme.dark"), new FontIcon(Feather.MOON));
        dark.setId("theme-dark");
        dark.setUserData(Theme.DARK);
        light.setToggleGroup(group);
        dark.setToggleGroup(group);
        light.getStyleClass().add("left-pill");
        dark.getStyleClass().add("right-pill");
        group.selectToggle(vm.theme().get() == Theme.DARK ? dark : light);
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) group.selectToggle(a); // one theme is always chosen
            else vm.theme().set((Theme) b.getUserData());
        });
        vm.theme().addListener((o, a, b) -> group.selectToggle(b == Theme.DARK ? dark : light));
        HBox themes = new HBox(0, light, dark);

        VBox content = new VBox(20, title, new ErrorBar(vm.error()),
                card("settings.appearance", "settings.appearance.body", themes));
        if (matterCard != null) {
            content.getChildren().add(matterCard);
        } else {
            content.getChildren().addAll(placeholder("settings.llm", Feather.CPU),
                    placeholder("settings.offline", Feather.WIFI_OFF),
                    placeholder("settings.redaction", Feather.EYE_OFF),
                    placeholder("settings.budget", Feather.DOLLAR_SIGN));
        }
        content.getStyleClass().add("settings-content");
        content.setMaxWidth(760);
        setContent(content);
    }

    private static Node card(String titleKey, String bodyKey, Node control) {
        Label t = new Label(Messages.get(titleKey));
        t.getStyleClass().add("card-title");
        Label b = new Label(Messages.get(bodyKey));
        b.getStyleClass().add("text-muted");
        b.setWrapText(true);
        VBox card = new VBox(10, t, b, control);
        card.getStyleClass().add("card-panel");
        return card;
    }

    private static Node placeholder(String key, Feather icon) {
        Label t = new Label(Messages.get(key), new FontIcon(icon));
        t.getStyleClass().add("card-title");
        Label tag = new Label(Messages.get("coming.tag"));
        tag.getStyleClass().add("coming-tag");
        HBox head = new HBox(10, t, tag);
        head.setAlignment(Pos.CENTER_LEFT);
        Label b = new Label(Messages.get(key + ".body"));
        b.getStyleClass().add("text-muted");
        b.setWrapText(true);
        VBox card = new VBox(8, head, b);
        card.getStyleClass().addAll("card-panel", "card-muted");
        return card;
    }
}
