package dev.quarry.export;

import java.util.List;

/**
 * A document as the writers take it: blocks of runs, no feature in sight. Letters make one from their
 * Markdown ({@link MarkdownDoc#parse}); the separate statement builds one directly.
 *
 * @param title       the document's title (file properties; not printed)
 * @param blocks      the body, in order
 * @param pageNumbers whether the footer carries "Page n of m"
 */
public record Doc(String title, List<Block> blocks, boolean pageNumbers) {
    public Doc {
        title = title == null ? "" : title;
        blocks = List.copyOf(blocks);
    }

    /** A piece of text with its emphasis; {@code lineBreak} is a hard line break before the text. */
    public record Run(String text, boolean bold, boolean italic, boolean lineBreak) {
        public static Run plain(String t) { return new Run(t, false, false, false); }
        public static Run bold(String t) { return new Run(t, true, false, false); }
        public static Run italic(String t) { return new Run(t, false, true, false); }
        public static Run br() { return new Run("", false, false, true); }
    }

    public sealed interface Block permits Heading, Para, Quote, Items, Rule, PageBreak {}

    public record Heading(int level, List<Run> runs) implements Block {
        public Heading { runs = List.copyOf(runs); }
    }

    /** A paragraph; {@code align} is left, center or right. */
    public record Para(List<Run> runs, String align) implements Block {
        public Para { runs = List.copyOf(runs); align = align == null ? "left" : align; }
        public Para(List<Run> runs) { this(runs, "left"); }
    }

    /** A block quotation: indented on both sides. */
    public record Quote(List<Block> blocks) implements Block {
        public Quote { blocks = List.copyOf(blocks); }
    }

    /** A bulleted or numbered list; each item is its own blocks. */
    public record Items(boolean ordered, List<List<Block>> items) implements Block {
        public Items { items = items.stream().map(List::copyOf).toList(); }
    }

    public record Rule() implements Block {}

    public record PageBreak() implements Block {}

    /** The text of the blocks, a paragraph per line: what a reader of the exported file sees. */
    public String plainText() {
        StringBuilder b = new StringBuilder();
        for (Block bl : blocks) text(bl, b);
        return b.toString();
    }

    private static void text(Block bl, StringBuilder b) {
        if (bl instanceof Heading h) b.append(runs(h.runs())).append('\n');
        else if (bl instanceof Para p) b.append(runs(p.runs())).append('\n');
        else if (bl instanceof Quote q) q.blocks().forEach(x -> text(x, b));
        else if (bl instanceof Items it) it.items().forEach(i -> i.forEach(x -> text(x, b)));
    }

    static String runs(List<Run> runs) {
        StringBuilder b = new StringBuilder();
        for (Run r : runs) {
            if (r.lineBreak()) b.append('\n');
            b.append(r.text());
        }
        return b.toString();
    }
}
