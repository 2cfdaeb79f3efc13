package dev.quarry.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop application. */
public final class QuarryApp extends Application {

    public static void start(String[] args) {
        Application.launch(QuarryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Quarry");
        stage.setScene(new Scene(new StackPane(new Label("Quarry")), 1100, 720));
        stage.show();
    }
}
