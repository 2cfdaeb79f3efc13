package dev.quarry.deficiency;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Generated requests for production and responses, federal or California style, written as DOCX or as a paged PDF. */
final class DiscoveryDocs {
    private DiscoveryDocs() {}

    static List<String> rfp(boolean california) {
        List<String> p = new ArrayList<>();
        p.add("Jane Q. Counsel (Bar No. 123456)");
        p.add("Attorneys for Plaintiff ACME WIDGETS, INC.");
        p.add(california ? "SUPERIOR COURT OF THE STATE OF CALIFORNIA" : "UNITED STATES DISTRICT COURT");
        p.add(california ? "FOR THE COUNTY OF ALAMEDA" : "DISTRICT OF DELAWARE");
        p.add("ACME WIDGETS, INC., a Delaware corporation, Plaintiff, v. BOLT INDUSTRIES LLC, Defendant.");
        p.add("Case No. " + (california ? "RG-24-000111" : "1:23-cv-00042-ABC"));
        p.add("PLAINTIFF'S SECOND SET OF REQUESTS FOR PRODUCTION OF DOCUMENTS");
        if (california) {
            p.add("PROPOUNDING PARTY: Plaintiff ACME WIDGETS, INC.");
            p.add("RESPONDING PARTY: Defendant BOLT INDUSTRIES LLC");
            p.add("SET NO.: TWO");
        }
        p.add("Plaintiff Acme Widgets, Inc. (\"Plaintiff\") requests that Defendant Bolt Industries LLC (\"Defendant\") produce the "
                + "DOCUMENTS described below in accordance with the Definitions and Instructions set forth below, within thirty (30) days.");
        p.add("DEFINITIONS");
        p.add("1. \"YOU\" and \"YOUR\" mean Defendant Bolt Industries LLC and its officers, directors, employees and agents.");
        p.add("2. \"PLAINTIFF\" means Plaintiff Acme Widgets, Inc. and its officers, directors, employees, and agents.");
        p.add("3. \"AGREEMENT\" means any contract, agreement or license to which YOU are or were a party.");
        p.add("INSTRUCTIONS");
        p.add("1. These Requests seek all responsive DOCUMENTS in YOUR possession, custody, or control.");
        p.add("2. Unless otherwise stated, the relevant time period is January 1, 2015 through December 31, 2020.");
        p.add("REQUESTS FOR PRODUCTION");
        p.add("REQUEST FOR PRODUCTION NO. 1:");
        p.add("All AGREEMENTS between YOU and PLAINTIFF.");
        p.add("REQUEST FOR PRODUCTION NO. 2:");
        p.add("All AGREEMENTS governed by the laws of the State of New York that contain any non-compete provision, whether currently "
                + "in effect or expired or terminated.");
        p.add("REQUEST FOR PRODUCTION NO. 3:");
        p.add("All DOCUMENTS constituting the following:");
        p.add("(a) all AGREEMENTS executed between January 1, 2016 and December 31, 2018 that contain any source code escrow provision; and");
        p.add("(b) all AGREEMENTS to which Zenith Partners, L.P. is a party.");
        p.add("Dated: March 1, 2024");
        p.add("By: /s/ Jane Q. Counsel");
        return p;
    }

    static List<String> responses(boolean california) {
        String who = california ? "Responding Party" : "Defendant";
        List<String> p = new ArrayList<>();
        p.add("John R. Defender (Bar No. 654321)");
        p.add(california ? "SUPERIOR COURT OF THE STATE OF CALIFORNIA" : "UNITED STATES DISTRICT COURT");
        p.add(california ? "FOR THE COUNTY OF ALAMEDA" : "DISTRICT OF DELAWARE");
        p.add("ACME WIDGETS, INC., a Delaware corporation, Plaintiff, v. BOLT INDUSTRIES LLC, Defendant.");
        p.add("Case No. " + (california ? "RG-24-000111" : "1:23-cv-00042-ABC"));
        p.add("Defendant Bolt Industries LLC (\"" + who + "\") responds to Plaintiff Acme Widgets, Inc.'s (\"Plaintiff\") Second Set of "
                + "Requests for Production.");
        p.add("GENERAL OBJECTIONS");
        p.add("1. " + who + " objects to each Request to the extent it seeks documents protected by the attorney-client privilege.");
        p.add("2. " + who + " objects to each Request to the extent it is overly broad or unduly burdensome. Each of these General "
                + "Objections is incorporated into each specific response below.");
        p.add("SPECIFIC RESPONSES AND OBJECTIONS");
        p.add("REQUEST FOR PRODUCTION NO. 1:");
        p.add("All AGREEMENTS between YOU and PLAINTIFF.");
        p.add("RESPONSE TO REQUEST FOR PRODUCTION NO. 1:");
        if (california) {
            p.add(who + " objects to this demand to the extent it seeks confidential, proprietary, or trade secret information.");
            p.add("Subject to and without waiving the foregoing objections, " + who + " is unable to comply because the particular "
                    + "item or category of documents has never been, or is no longer, in the possession, custody, or control of "
                    + "Responding Party.");
        } else {
            p.add(who + " objects to this Request as vague and ambiguous, including as to the phrase \"between YOU and PLAINTIFF.\"");
            p.add("Subject to and without waiving the foregoing objections, " + who + " responds that, after a diligent search and "
                    + "reasonable inquiry, it has no responsive documents in its possession, custody, or control.");
        }
        p.add("REQUEST FOR PRODUCTION NO. 2:");
        p.add("All AGREEMENTS governed by the laws of the State of New York that contain any non-compete provision.");
        p.add("RESPONSE TO REQUEST FOR PRODUCTION NO. 2:");
        p.add(who + " objects to this Request as overly broad and unduly burdensome. " + who + " objects to this Request as "
                + "duplicative of Request No. 1. " + who + " objects to this Request to the extent it calls for a legal conclusion.");
        p.add("Subject to and without waiving its objections, " + who + " will produce responsive, non-privileged documents. "
                + who + " refers Plaintiff to the documents produced at BOLT0000001-BOLT0000012, BOLT0000020.");
        p.add("REQUEST FOR PRODUCTION NO. 3:");
        p.add("All DOCUMENTS constituting the following: (a) ...; and (b) ....");
        p.add("RESPONSE TO REQUEST FOR PRODUCTION NO. 3:");
        p.add(who + " objects to this Request to the extent it seeks documents that are not relevant to any party's claim or "
                + "defense and not proportional to the needs of the case. Fed. R. Civ. P. 26(b)(1).");
        p.add(who + " stands on its objections and will not produce documents in response to this Request.");
        p.add("Dated: April 2, 2024");
        if (california) {
            p.add("VERIFICATION");
            p.add("I declare under penalty of perjury under the laws of the State of California that the foregoing is true and correct.");
        }
        return p;
    }

    static Path docx(Path file, List<String> paragraphs) throws IOException {
        try (XWPFDocument d = new XWPFDocument(); OutputStream os = Files.newOutputStream(file)) {
            for (String p : paragraphs) d.createParagraph().createRun().setText(p);
            d.write(os);
        }
        return file;
    }

    /** A PDF of the paragraphs wrapped at about 85 characters, 30 lines a page, with a page number and a footer on every page. */
    static Path pdf(Path file, List<String> paragraphs, String footer) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String p : paragraphs) {
            StringBuilder line = new StringBuilder();
            for (String w : p.split(" ")) {
                if (line.length() + w.length() + 1 > 85) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(w);
            }
            lines.add(line.toString());
        }
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
            int perPage = 30;
            for (int from = 0, n = 1; from < lines.size(); from += perPage, n++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(60, 720);
                    for (int i = from; i < Math.min(lines.size(), from + perPage); i++) {
                        cs.showText(lines.get(i));
                        cs.newLineAtOffset(0, -20);
                    }
                    cs.endText();
                    cs.beginText();
                    cs.setFont(font, 9);
                    cs.newLineAtOffset(300, 50);
                    cs.showText(String.valueOf(n));
                    cs.newLineAtOffset(-200, -14);
                    cs.showText(footer);
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }
}
