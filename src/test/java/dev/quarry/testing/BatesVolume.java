package dev.quarry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A production volume of text natives as the deficiency dev productions ship them (DATA/VOL001.dat with
 * BEGBATES, ENDBATES, PAGECOUNT, CUSTODIAN, FILENAME, FILEEXT, NATIVEPATH; an OPT line per Bates page;
 * NATIVES/ named by first Bates), with one document for each way a text carries its pages:
 * <ul>
 *   <li>XYZ0000001–0004: a native whose pages are divided by form feeds;</li>
 *   <li>XYZ0000005–0007: a native with the Bates stamp printed on its own line at each page's foot (CRLF);</li>
 *   <li>XYZ0000008–0083: a 76-page native without any page break (the real productions' case);</li>
 *   <li>XYZ0000084–0085: no native, only TEXT/ with the stamp printed at each page's head.</li>
 * </ul>
 */
public final class BatesVolume {
    public static final String FORM_FEED_TEXT = "Page one: the parties.\fPage two: the price of widgets.\f"
            + "Page three: delivery terms.\fPage four: signatures.\n";
    public static final String FOOTER_TEXT = "Lease between Landlord and Tenant.\r\nRent is due monthly.\r\n\r\nXYZ0000005\r\n"
            + "The tenant shall insure the premises.\r\n\r\nXYZ0000006\r\nSigned by both parties.\r\n\r\nXYZ0000007\r\n";
    public static final String HEADER_TEXT = "XYZ0000084\nMemo to the board about the merger.\nXYZ0000085\nSecond page: the vote.\n";
    public static final String NO_BREAK_ORIGINAL = "UpjohnInc_20200121_EX-2.6_Manufacturing Agreement_ Supply Agreement.txt";

    private BatesVolume() {}

    /** The unbroken native: paragraphs of an agreement, about 6,000 characters, no form feed, no stamp. */
    public static String noBreakText() {
        StringBuilder sb = new StringBuilder("MANUFACTURING AND SUPPLY AGREEMENT\n\n");
        for (int i = 1; i <= 40; i++) {
            sb.append("Section ").append(i).append(". The Manufacturer shall supply the Product to Upjohn at the Supply Price, ")
                    .append("adjusted each Contract Year as set out in Schedule ").append(i).append(".\n\n");
        }
        return sb.toString();
    }

    /** Writes the volume under {@code parent}/VOL001 and returns the volume folder. */
    public static Path write(Path parent) throws IOException {
        Path vol = parent.resolve("VOL001");
        write(vol.resolve("NATIVES/XYZ0000001.txt"), FORM_FEED_TEXT);
        write(vol.resolve("NATIVES/XYZ0000005.txt"), FOOTER_TEXT);
        write(vol.resolve("NATIVES/XYZ0000008.txt"), noBreakText());
        write(vol.resolve("TEXT/XYZ0000084.txt"), HEADER_TEXT);
        List<List<String>> rows = List.of(
                List.of("BEGBATES", "ENDBATES", "PAGECOUNT", "CUSTODIAN", "FILENAME", "FILEEXT", "NATIVEPATH", "TEXTPATH"),
                List.of("XYZ0000001", "XYZ0000004", "4", "Fairbanks, Daniel", "Widget Supply Agreement (final).txt", "txt",
                        "NATIVES\\XYZ0000001.txt", ""),
                List.of("XYZ0000005", "XYZ0000007", "3", "Fairbanks, Daniel", "Office Lease 2019.txt", "txt",
                        "NATIVES\\XYZ0000005.txt", ""),
                List.of("XYZ0000008", "XYZ0000083", "76", "Legal Department", NO_BREAK_ORIGINAL, "txt",
                        "NATIVES\\XYZ0000008.txt", ""),
                List.of("XYZ0000084", "XYZ0000085", "2", "Legal Department", "board memo.msg", "msg", "", "TEXT\\XYZ0000084.txt"));
        StringBuilder dat = new StringBuilder("\uFEFF");
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) dat.append('\u0014');
                dat.append('\u00FE').append(row.get(i)).append('\u00FE');
            }
            dat.append("\r\n");
        }
        write(vol.resolve("DATA/VOL001.dat"), dat.toString());
        List<String> opt = new ArrayList<>();
        optLines(opt, 1, 4, "NATIVES\\XYZ0000001.txt");
        optLines(opt, 5, 7, "NATIVES\\XYZ0000005.txt");
        optLines(opt, 8, 83, "NATIVES\\XYZ0000008.txt");
        optLines(opt, 84, 85, "TEXT\\XYZ0000084.txt");
        write(vol.resolve("DATA/VOL001.opt"), String.join("\r\n", opt) + "\r\n");
        return vol;
    }

    public static String bates(int n) {
        return String.format("XYZ%07d", n);
    }

    private static void optLines(List<String> out, int from, int to, String path) {
        for (int n = from; n <= to; n++) {
            out.add(bates(n) + ",VOL001," + path + (n == from ? ",Y,,," + (to - from + 1) : ",,,,"));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
