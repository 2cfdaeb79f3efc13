package dev.quarry.ui.common;

import dev.quarry.app.UserError;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a failure as one sentence with "Copy details" (the technical detail goes to the clipboard,
 * never onto the screen) and a close button. Hidden while the bound error is null.
 */
public final class ErrorBar extends HBox {
    private final Label message = new Label();

    public ErrorBar(ObjectProperty<UserError> error) {
        getStyleClass().add("error-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        message.getStyleClass().add("error-message");
        message.setWrapText(true);
        message.setId("error-message");
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        FontIcon icon = new FontIcon(Feather.ALERT_CIRCLE);
        icon.getStyleClass().add("error-icon");
        Button copy = new Button(Messages.get("error.copyDetails"), new FontIcon(Feather.COPY));
        copy.getStyleClass().addAll("flat", "small");
        copy.setOnAction(e -> {
            UserError err = error.get();
            if (err == null) return;
            ClipboardContent c = new ClipboardContent();
            c.putString(err.message() + "\n\n" + err.detail());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll("flat", "small");
        close.setOnAction(e -> error.set(null));
        getChildren().addAll(icon, message, copy, close);
        visibleProperty().bind(error.isNotNull());
        managedProperty().bind(visibleProperty());
        error.addListener((o, a, b) -> message.setText(b == null ? "" : b.message()));
        if (error.get() != null) message.setText(error.get().message());
    }
}
