package dev.quarry.ui.common;

import javafx.scene.control.TableColumn;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Table columns that never cut their header short. A constrained table shares its width among the
 * columns and, left alone, squeezes narrow ones until "Pages" reads "Pa…" and a status pill "Impo…"; each
 * column here keeps at least the width of its header (and of the widest text it must show whole), and the
 * table scrolls sideways when the window is narrower than all of them.
 */
public final class Columns {
    /** The app's font size (quarry.css: .root -fx-font-size). */
    static final double FONT_SIZE = 14;
    /** Header padding (0.5em each side in AtlantaFX), the sort arrow and a little air. */
    static final double HEADER_EXTRA = 2 * FONT_SIZE * 0.5 + 22;

    private Columns() {}

    /** Width of {@code text} in the app's font, bold or regular, at {@code size} pixels. */
    public static double textWidth(String text, double size, boolean bold) {
        Text t = new Text(text);
        t.setFont(Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    /** Keeps the header whole: the column's minimum width is its header's (its preferred width at least that). */
    public static <S, T> TableColumn<S, T> keepHeader(TableColumn<S, T> c) {
        return atLeast(c, 0);
    }

    /** Keeps the header whole and leaves at least {@code contentWidth} pixels for the column's content. */
    public static <S, T> TableColumn<S, T> atLeast(TableColumn<S, T> c, double contentWidth) {
        double min = Math.max(textWidth(c.getText(), FONT_SIZE, true) + HEADER_EXTRA, contentWidth);
        c.setMinWidth(min);
        if (c.getPrefWidth() < min) c.setPrefWidth(min);
        return c;
    }
}
