package dev.quarry.documents.importers;

import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of an HTML document with its block structure kept as line breaks: block elements
 * start and end lines, table cells are tab-separated, whitespace inside a line is collapsed as a
 * browser would. Script, style and other invisible elements are dropped. Used for .html files and for
 * e-mail bodies that only come as HTML.
 */
final class HtmlText {
    private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "head", "title",
            "iframe", "object", "svg", "meta", "link");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main", "nav",
            "aside", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "thead",
            "tbody", "tfoot", "caption", "blockquote", "pre", "address", "figure", "figcaption", "form", "fieldset",
            "hr", "center", "body", "html");

    private HtmlText() {}

    static String of(Document doc) {
        StringBuilder out = new StringBuilder();
        Element root = doc.body() != null ? doc.body() : doc;
        NodeTraversor.traverse(new NodeVisitor() {
            private int skip;
            private int pre;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (skip > 0 || INVISIBLE.contains(tag) || e.hasAttr("hidden")
                            || e.attr("style").replace(" ", "").contains("display:none")) {
                        skip++;
                        return;
                    }
                    if (tag.equals("pre")) pre++;
                    if (tag.equals("br")) out.append('\n');
                    else if (tag.equals("td") || tag.equals("th")) {
                        if (e.elementSiblingIndex() > 0) out.append('\t');
                    } else if (BLOCKS.contains(tag)) newline(out);
                    if (tag.equals("li")) out.append("• ");
                } else if (node instanceof TextNode t && skip == 0) {
                    if (pre > 0) {
                        out.append(t.getWholeText());
                    } else {
                        String s = t.text();
                        if (s.isBlank()) {
                            if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) out.append(' ');
                        } else {
                            if (Character.isWhitespace(s.charAt(0)) && out.length() > 0
                                    && Character.isWhitespace(out.charAt(out.length() - 1))) s = s.stripLeading();
                            out.append(s);
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (skip > 0) {
                        skip--;
                        return;
                    }
                    if (tag.equals("pre")) pre--;
                    if (BLOCKS.contains(tag)) newline(out);
                }
            }
        }, root);
        return tidy(out.toString());
    }

    private static void newline(StringBuilder out) {
        // Trailing spaces before a line break are layout noise.
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') end--;
        out.setLength(end);
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
    }

    /** No line starts with spaces, at most one blank line in a row, no blank start or end. */
    private static String tidy(String s) {
        String[] lines = s.split("\n", -1);
        StringBuilder b = new StringBuilder(s.length());
        int blank = 0;
        for (String line : lines) {
            String l = line.replace('\u00a0', ' ').stripTrailing();
            if (!l.startsWith("\t")) l = l.stripLeading();
            if (l.isEmpty()) {
                if (b.length() > 0 && blank++ == 0) b.append('\n');
                continue;
            }
            blank = 0;
            b.append(l).append('\n');
        }
        return b.toString().strip() + (b.length() > 0 ? "\n" : "");
    }
}
