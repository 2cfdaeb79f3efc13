package dev.quarry.export;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * Writes a {@link Doc} as a Word document (Apache POI): Times New Roman 12, one-inch margins, headings in
 * bold, block quotations indented half an inch on both sides, lists with their marks, and "Page n of m"
 * fields in the footer. Plain styling on purpose: a firm pastes it onto its letterhead.
 */
public final class DocxWriter {
    private static final String FONT = "Times New Roman";
    private static final int QUOTE_INDENT = 720; // twips: half an inch

    private DocxWriter() {}

    /** Writes to {@code out} through a temporary file beside it, so a failure never leaves half a file. */
    public static void write(Doc doc, Path out) {
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                write(doc, os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { }
            throw new QuarryException("Could not write " + out + ": " + e.getMessage(), e);
        }
    }

    public static void write(Doc doc, OutputStream os) throws IOException {
        try (XWPFDocument d = new XWPFDocument()) {
            d.getProperties().getCoreProperties().setTitle(doc.title());
            CTSectPr sect = d.getDocument().getBody().addNewSectPr();
            CTPageMar mar = sect.addNewPgMar();
            BigInteger inch = BigInteger.valueOf(1440);
            mar.setTop(inch); mar.setBottom(inch); mar.setLeft(inch); mar.setRight(inch);
            for (Doc.Block b : doc.blocks()) block(d, b, 0, false);
            if (doc.pageNumbers()) footer(d);
            d.write(os);
        }
    }

    private static void block(XWPFDocument d, Doc.Block b, int indent, boolean quoted) {
        if (b instanceof Doc.Heading h) {
                XWPFParagraph p = para(d, indent, quoted);
                p.setKeepNext(true);
                p.setSpacingBefore(h.level() <= 2 ? 240 : 180);
                if (h.level() == 1) p.setAlignment(ParagraphAlignment.CENTER);
                runs(p, h.runs(), true, h.level() >= 4);
        } else if (b instanceof Doc.Para pa) {
                XWPFParagraph p = para(d, indent, quoted);
                p.setAlignment(switch (pa.align()) {
                    case "center" -> ParagraphAlignment.CENTER;
                    case "right" -> ParagraphAlignment.RIGHT;
                    default -> quoted ? ParagraphAlignment.BOTH : ParagraphAlignment.LEFT;
                });
                runs(p, pa.runs(), false, false);
        } else if (b instanceof Doc.Quote q) {
            q.blocks().forEach(x -> block(d, x, indent + QUOTE_INDENT, true));
        } else if (b instanceof Doc.Items it) {
                int n = 1;
                for (List<Doc.Block> item : it.items()) {
                    String mark = it.ordered() ? (n++) + ". " : "\u2022 ";
                    boolean first = true;
                    for (Doc.Block x : item) {
                        if (first && x instanceof Doc.Para pa) {
                            XWPFParagraph p = para(d, indent + 360, quoted);
                            p.setIndentationHanging(360);
                            XWPFRun r = p.createRun();
                            font(r);
                            r.setText(mark + "\t");
                            runs(p, pa.runs(), false, false);
                        } else {
                            block(d, x, indent + 360, quoted);
                        }
                        first = false;
                    }
                }
        } else if (b instanceof Doc.Rule) {
            para(d, indent, quoted).setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        } else if (b instanceof Doc.PageBreak) {
            para(d, indent, quoted).setPageBreak(true);
        }
    }

    private static XWPFParagraph para(XWPFDocument d, int indent, boolean quoted) {
        XWPFParagraph p = d.createParagraph();
        p.setSpacingAfter(quoted ? 120 : 200);
        if (indent > 0) {
            p.setIndentationLeft(indent);
            if (quoted) p.setIndentationRight(QUOTE_INDENT);
        }
        return p;
    }

    private static void runs(XWPFParagraph p, List<Doc.Run> runs, boolean bold, boolean italic) {
        for (Doc.Run run : runs) {
            XWPFRun r = p.createRun();
            font(r);
            if (run.lineBreak()) r.addBreak();
            r.setBold(bold || run.bold());
            r.setItalic(italic || run.italic());
            r.setText(run.text());
        }
    }

    private static void font(XWPFRun r) {
        r.setFontFamily(FONT);
        r.setFontSize(12);
    }

    private static void footer(XWPFDocument d) {
        XWPFFooter f = d.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = f.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        text(p, "Page ");
        field(p, "PAGE", "1");
        text(p, " of ");
        field(p, "NUMPAGES", "1");
    }

    private static void text(XWPFParagraph p, String t) {
        XWPFRun r = p.createRun();
        r.setFontFamily(FONT);
        r.setFontSize(10);
        r.setText(t);
    }

    /** A complex field (begin, instruction, separate, shown value, end): Word and LibreOffice update it. */
    private static void field(XWPFParagraph p, String instr, String shown) {
        XWPFRun begin = p.createRun();
        begin.getCTR().addNewFldChar().setFldCharType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.BEGIN);
        XWPFRun code = p.createRun();
        code.getCTR().addNewInstrText().setStringValue(" " + instr + " \\* MERGEFORMAT ");
        XWPFRun sep = p.createRun();
        sep.getCTR().addNewFldChar().setFldCharType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.SEPARATE);
        text(p, shown);
        XWPFRun end = p.createRun();
        end.getCTR().addNewFldChar().setFldCharType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.END);
    }
}
