package dev.quarry.export;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;

/**
 * Markdown (CommonMark, by flexmark) into the writers' {@link Doc} and into HTML, from one parse: the
 * preview, the DOCX and the PDF show the same text. HTML comments (a letter's provenance markers) are
 * dropped from every output; raw HTML is shown as text, never interpreted.
 *
 * <p>Two conventions beyond CommonMark, both plain paragraphs to any other Markdown reader: a paragraph
 * whose only content is {@code ->text} is right-aligned, {@code -><-text} centred.
 */
public final class MarkdownDoc {
    private static final MutableDataSet OPTIONS = new MutableDataSet()
            .set(HtmlRenderer.ESCAPE_HTML_BLOCKS, true)
            .set(HtmlRenderer.ESCAPE_INLINE_HTML, true)
            .set(HtmlRenderer.SUPPRESS_HTML_COMMENT_BLOCKS, true)
            .set(HtmlRenderer.SUPPRESS_INLINE_HTML_COMMENTS, true)
            .set(HtmlRenderer.SOFT_BREAK, "<br />\n");
    private static final Parser PARSER = Parser.builder(OPTIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder(OPTIONS).build();

    private MarkdownDoc() {}

    public static Doc parse(String title, String markdown, boolean pageNumbers) {
        Node root = PARSER.parse(markdown == null ? "" : markdown);
        return new Doc(title, blocks(root), pageNumbers);
    }

    /** The body as HTML (a fragment), soft line breaks kept as breaks: what the preview shows. */
    public static String html(String markdown) {
        Node root = PARSER.parse(markdown == null ? "" : markdown);
        String h = HTML.render(root);
        return h.replaceAll("<p>-&gt;&lt;-", "<p class=\"center\">").replaceAll("<p>-&gt;", "<p class=\"right\">");
    }

    /** A whole XHTML page (for the PDF renderer and the preview), with the given style sheet. */
    public static String xhtmlPage(String title, String markdown, String css) {
        Document d = Jsoup.parse("<html><head><meta charset=\"utf-8\"/><title></title><style></style></head><body></body></html>");
        d.title(title == null ? "" : title);
        d.selectFirst("style").appendText(css == null ? "" : css);
        d.body().html(html(markdown));
        d.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8");
        return d.outerHtml();
    }

    private static List<Doc.Block> blocks(Node parent) {
        List<Doc.Block> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof com.vladsch.flexmark.ast.Heading h) {
                out.add(new Doc.Heading(h.getLevel(), runs(h, false, false)));
            } else if (n instanceof Paragraph p) {
                List<Doc.Run> runs = runs(p, false, false);
                String align = "left";
                if (!runs.isEmpty() && runs.get(0).text().startsWith("-><-")) {
                    align = "center";
                    runs.set(0, strip(runs.get(0), 4));
                } else if (!runs.isEmpty() && runs.get(0).text().startsWith("->")) {
                    align = "right";
                    runs.set(0, strip(runs.get(0), 2));
                }
                if (!runs.isEmpty()) out.add(new Doc.Para(runs, align));
            } else if (n instanceof BlockQuote q) {
                out.add(new Doc.Quote(blocks(q)));
            } else if (n instanceof BulletList || n instanceof OrderedList) {
                List<List<Doc.Block>> items = new ArrayList<>();
                for (Node i = n.getFirstChild(); i != null; i = i.getNext()) {
                    if (i instanceof ListItem li) items.add(blocks(li));
                }
                out.add(new Doc.Items(n instanceof OrderedList, items));
            } else if (n instanceof ThematicBreak) {
                out.add(new Doc.Rule());
            } else if (n instanceof HtmlCommentBlock) {
                // provenance markers: not part of what is sent
            } else if (n instanceof HtmlBlock hb) {
                String t = hb.getChars().toString().strip();
                if (!t.startsWith("<!--")) out.add(new Doc.Para(List.of(Doc.Run.plain(t))));
            } else if (n.hasChildren()) {
                out.addAll(blocks(n));
            } else {
                String t = n.getChars().toString().strip();
                if (!t.isEmpty()) out.add(new Doc.Para(List.of(Doc.Run.plain(t))));
            }
        }
        return out;
    }

    private static Doc.Run strip(Doc.Run r, int n) {
        return new Doc.Run(r.text().substring(n).stripLeading(), r.bold(), r.italic(), r.lineBreak());
    }

    private static List<Doc.Run> runs(Node parent, boolean bold, boolean italic) {
        List<Doc.Run> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                out.add(new Doc.Run(t.getChars().unescape(), bold, italic, false));
            } else if (n instanceof StrongEmphasis s) {
                out.addAll(runs(s, true, italic));
            } else if (n instanceof Emphasis e) {
                out.addAll(runs(e, bold, true));
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                out.add(new Doc.Run("", bold, italic, true));
            } else if (n instanceof Code c) {
                out.add(new Doc.Run(c.getText().toString(), bold, italic, false));
            } else if (n instanceof Link l) {
                out.addAll(runs(l, bold, italic));
            } else if (n instanceof HtmlInlineComment) {
                // dropped
            } else if (n instanceof HtmlInline h) {
                out.add(new Doc.Run(h.getChars().toString(), bold, italic, false));
            } else if (n.hasChildren()) {
                out.addAll(runs(n, bold, italic));
            } else {
                out.add(new Doc.Run(n.getChars().unescape(), bold, italic, false));
            }
        }
        return merge(out);
    }

    /** Adjacent runs of the same emphasis become one (flexmark splits text at escapes). */
    private static List<Doc.Run> merge(List<Doc.Run> in) {
        List<Doc.Run> out = new ArrayList<>();
        for (Doc.Run r : in) {
            if (!out.isEmpty() && !r.lineBreak()) {
                Doc.Run last = out.get(out.size() - 1);
                if (last.bold() == r.bold() && last.italic() == r.italic()) {
                    out.set(out.size() - 1, new Doc.Run(last.text() + r.text(), last.bold(), last.italic(), last.lineBreak()));
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }
}
