package dev.quarry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A production volume (Concordance DAT + Opticon OPT + NATIVES/TEXT) with one defect of every kind the
 * production quality check knows, each on its own row, and a second volume that continues the numbering
 * with a gap and re-uses one range:
 * <pre>
 *  ABC0000001–0003  clean (3 pages, correct MD5)
 *  ABC0000004–0005  MD5HASH wrong                                   hash_mismatch
 *  ABC0000006–0009  not produced                                    bates_gap
 *  ABC0000010–0011  native NATIVES\ABC0000010.pdf and IMAGES\ABC0000010.tif missing   missing_file (each)
 *  ABC0000011–0012  starts inside the row before                    bates_overlap
 *  ABC0000013       two rows begin here                             duplicate_bates
 *  ABC0000014–0015  PAGECOUNT 3, range and OPT 2                    page_count_mismatch
 *  ABC0000016       native holds only blanks                        no_text
 *  ABC0000017       CUSTODIAN blank                                 blank_field
 *  ABC0000018       ENDATTACH ABC0000099, never produced            broken_family
 *  ABC0000019       "DOCUMENT WITHHELD ON THE BASIS OF PRIVILEGE"   slip_sheet
 *  ABC0000020       "Produced natively", no native given            slip_sheet
 *  ABC0000030       in the OPT only                                 missing_file (no DAT row)
 * VOL002: ABC0000001–0003 again (duplicate_bates across productions), ABC0000024–0026 (gap 0021–0023).
 * </pre>
 */
public final class DamagedVolume {
    public static final String CLEAN_TEXT = "Supply agreement, page one.\fPage two: price.\fPage three: signatures.\n";

    private DamagedVolume() {}

    public static Path writeVol001(Path parent) throws IOException {
        Path vol = parent.resolve("VOL001");
        write(vol.resolve("NATIVES/ABC0000001.txt"), CLEAN_TEXT);
        write(vol.resolve("NATIVES/ABC0000004.txt"), "A letter about the shipment.\fIts second page.\n");
        write(vol.resolve("NATIVES/ABC0000011.txt"), "Overlapping memo.\fSecond page.\n");
        write(vol.resolve("NATIVES/ABC0000013.txt"), "First document numbered 13.\n");
        write(vol.resolve("NATIVES/ABC0000013-B.txt"), "Second document numbered 13.\n");
        write(vol.resolve("NATIVES/ABC0000014.txt"), "Invoice.\fPage two of the invoice.\n");
        write(vol.resolve("NATIVES/ABC0000016.txt"), "   \n\n   \n");
        write(vol.resolve("NATIVES/ABC0000017.txt"), "Board minutes without a custodian.\n");
        write(vol.resolve("NATIVES/ABC0000018.txt"), "Cover e-mail whose attachments were never produced.\n");
        write(vol.resolve("NATIVES/ABC0000019.txt"), "DOCUMENT WITHHELD ON THE BASIS OF PRIVILEGE\nABC0000019\n");
        write(vol.resolve("TEXT/ABC0000020.txt"), "Produced natively.\nABC0000020\n");
        String md5 = md5(CLEAN_TEXT);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("BEGBATES", "ENDBATES", "BEGATTACH", "ENDATTACH", "PAGECOUNT", "CUSTODIAN", "FILENAME", "NATIVEPATH", "TEXTPATH", "MD5HASH"));
        rows.add(List.of("ABC0000001", "ABC0000003", "", "", "3", "Fairbanks, Daniel", "supply.txt", "NATIVES\\ABC0000001.txt", "", md5));
        rows.add(List.of("ABC0000004", "ABC0000005", "", "", "2", "Fairbanks, Daniel", "letter.txt", "NATIVES\\ABC0000004.txt", "",
                "00000000000000000000000000000000"));
        rows.add(List.of("ABC0000010", "ABC0000011", "", "", "2", "Fairbanks, Daniel", "scan.pdf", "NATIVES\\ABC0000010.pdf", "", ""));
        rows.add(List.of("ABC0000011", "ABC0000012", "", "", "2", "Fairbanks, Daniel", "memo.txt", "NATIVES\\ABC0000011.txt", "", ""));
        rows.add(List.of("ABC0000013", "ABC0000013", "", "", "1", "Fairbanks, Daniel", "a.txt", "NATIVES\\ABC0000013.txt", "", ""));
        rows.add(List.of("ABC0000013", "ABC0000013", "", "", "1", "Fairbanks, Daniel", "b.txt", "NATIVES\\ABC0000013-B.txt", "", ""));
        rows.add(List.of("ABC0000014", "ABC0000015", "", "", "3", "Legal Department", "invoice.txt", "NATIVES\\ABC0000014.txt", "", ""));
        rows.add(List.of("ABC0000016", "ABC0000016", "", "", "1", "Legal Department", "blank.txt", "NATIVES\\ABC0000016.txt", "", ""));
        rows.add(List.of("ABC0000017", "ABC0000017", "", "", "1", "", "minutes.txt", "NATIVES\\ABC0000017.txt", "", ""));
        rows.add(List.of("ABC0000018", "ABC0000018", "ABC0000018", "ABC0000099", "1", "Legal Department", "cover.txt",
                "NATIVES\\ABC0000018.txt", "", ""));
        rows.add(List.of("ABC0000019", "ABC0000019", "", "", "1", "Legal Department", "withheld.txt", "NATIVES\\ABC0000019.txt", "", ""));
        rows.add(List.of("ABC0000020", "ABC0000020", "", "", "1", "Legal Department", "model.xlsx", "", "TEXT\\ABC0000020.txt", ""));
        write(vol.resolve("DATA/VOL001.dat"), dat(rows));
        List<String> opt = new ArrayList<>();
        opt(opt, 1, 3, "NATIVES\\ABC0000001.txt");
        opt(opt, 4, 5, "NATIVES\\ABC0000004.txt");
        opt(opt, 10, 11, "IMAGES\\ABC0000010.tif");
        opt(opt, 12, 12, "NATIVES\\ABC0000011.txt");
        opt(opt, 13, 13, "NATIVES\\ABC0000013.txt");
        opt(opt, 14, 15, "NATIVES\\ABC0000014.txt");
        for (int n = 16; n <= 19; n++) opt(opt, n, n, "NATIVES\\ABC00000" + n + ".txt");
        opt(opt, 20, 20, "TEXT\\ABC0000020.txt");
        opt(opt, 30, 30, "TEXT\\ABC0000020.txt");
        write(vol.resolve("DATA/VOL001.opt"), String.join("\r\n", opt) + "\r\n");
        return vol;
    }

    public static Path writeVol002(Path parent) throws IOException {
        Path vol = parent.resolve("VOL002");
        write(vol.resolve("NATIVES/ABC0000001.txt"), "A re-production under the same numbers.\fTwo.\fThree.\n");
        write(vol.resolve("NATIVES/ABC0000024.txt"), "Later document.\fTwo.\fThree.\n");
        List<List<String>> rows = List.of(
                List.of("BEGBATES", "ENDBATES", "CUSTODIAN", "NATIVEPATH"),
                List.of("ABC0000001", "ABC0000003", "Fairbanks, Daniel", "NATIVES\\ABC0000001.txt"),
                List.of("ABC0000024", "ABC0000026", "Fairbanks, Daniel", "NATIVES\\ABC0000024.txt"));
        write(vol.resolve("DATA/VOL002.dat"), dat(rows));
        List<String> opt = new ArrayList<>();
        opt(opt, 1, 3, "NATIVES\\ABC0000001.txt");
        opt(opt, 24, 26, "NATIVES\\ABC0000024.txt");
        write(vol.resolve("DATA/VOL002.opt"), String.join("\r\n", opt) + "\r\n");
        return vol;
    }

    /** Writes VOL001 (and VOL002) under the folder given, for trying the check by hand or the screenshot tour. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        writeVol001(dir);
        writeVol002(dir);
    }

    public static String bates(int n) {
        return String.format("ABC%07d", n);
    }

    private static void opt(List<String> out, int from, int to, String path) {
        for (int n = from; n <= to; n++) {
            out.add(bates(n) + ",VOL001," + path + "," + (n == from ? "Y" : "") + ",,," + (n == from ? String.valueOf(to - from + 1) : ""));
        }
    }

    static String dat(List<List<String>> rows) {
        StringBuilder dat = new StringBuilder("\uFEFF");
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) dat.append('\u0014');
                dat.append('\u00FE').append(row.get(i)).append('\u00FE');
            }
            dat.append("\r\n");
        }
        return dat.toString();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
