package dev.quarry.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** An honest placeholder for a capability that is being built: it says so, and shows no made-up results. */
public final class ComingSoonPane extends VBox {
    public ComingSoonPane(Ikon icon, String title, String body) {
        getStyleClass().add("coming-soon");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        FontIcon i = new FontIcon(icon);
        i.getStyleClass().add("coming-icon");
        Label t = new Label(title);
        t.getStyleClass().add("title-2");
        Label b = new Label(body);
        b.getStyleClass().add("text-muted");
        b.setWrapText(true);
        b.setMaxWidth(520);
        Label tag = new Label(Messages.get("coming.tag"));
        tag.getStyleClass().add("coming-tag");
        getChildren().addAll(i, t, tag, b);
    }
}
