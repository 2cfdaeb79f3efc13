package dev.quarry.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** UI text from {@code dev/quarry/ui/messages.properties} (and its translations). */
public final class Messages {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.quarry.ui.messages", Locale.getDefault());

    private Messages() {}

    public static String get(String key) {
        try {
            return BUNDLE.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    public static String format(String key, Object... args) {
        return new MessageFormat(get(key), Locale.getDefault()).format(args);
    }

    public static ResourceBundle bundle() {
        return BUNDLE;
    }
}
