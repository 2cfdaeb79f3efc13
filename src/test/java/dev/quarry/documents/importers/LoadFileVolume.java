package dev.quarry.documents.importers;

import static dev.quarry.documents.importers.ContainerFixtures.write;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * A small production volume as producers ship them: VOL001/DATA/VOL001.dat and .opt, NATIVES/ and
 * TEXT/ beside DATA. Seven documents cover the cases a reviewer meets:
 * <ul>
 *   <li>ABC0001–0002 a native, two pages;</li>
 *   <li>ABC0003–0005 text only, pages split by form feeds;</li>
 *   <li>ABC0006–0007 text only, one unbroken text for two page images;</li>
 *   <li>ABC0008 both files missing;</li>
 *   <li>ABC0009 a native named in the wrong case;</li>
 *   <li>ABC0010 a native named with a drive letter and the volume folder in front;</li>
 *   <li>ABC0011–0012 images only (no native, no text).</li>
 * </ul>
 */
final class LoadFileVolume {
    static final List<String> HEADER = List.of("BegBates", "EndBates", "Custodian", "DateSent", "Subject", "NativeLink", "TextLink");

    private LoadFileVolume() {}

    /** Writes the volume under {@code parent}/VOL001 and returns the DAT. */
    static Path write(Path parent, char sep, Charset charset, boolean bom) throws IOException {
        Path vol = parent.resolve("VOL001");
        ContainerFixtures.write(vol.resolve("NATIVES/0001/ABC0001.txt"), "Supply agreement between Acme and Widgets.");
        ContainerFixtures.write(vol.resolve("TEXT/0001/ABC0003.txt"), "Page one of the memo.\fPage two: pricing.\fPage three: signatures.\f");
        ContainerFixtures.write(vol.resolve("TEXT/0001/ABC0006.txt"), "A letter whose text runs across two page images.");
        ContainerFixtures.write(vol.resolve("NATIVES/0001/ABC0009.txt"), "Native found although the load file shouts its name.");
        ContainerFixtures.write(vol.resolve("NATIVES/0001/ABC0010.txt"), "Native named with the producer's drive letter.");
        ContainerFixtures.write(vol.resolve("IMAGES/0001/ABC0001.tif"), "not really a tiff");
        String custodian = "M\u00fcller, Anna";
        List<List<String>> rows = List.of(HEADER,
                List.of("ABC0001", "ABC0002", custodian, "03/14/2019 02:05 PM", "Supply\u00aeagreement", "NATIVES\\0001\\ABC0001.txt", "TEXT\\0001\\ABC0001.txt"),
                List.of("ABC0003", "ABC0005", custodian, "2019-04-01", "Memo\r\nwith a real line break", "", "TEXT\\0001\\ABC0003.txt"),
                List.of("ABC0006", "ABC0007", "Smith, Bob", "20190502", "Letter", "", ".\\TEXT\\0001\\ABC0006.txt"),
                List.of("ABC0008", "ABC0008", "Smith, Bob", "", "Lost", "NATIVES\\0001\\ABC0008.xls", "TEXT\\0001\\ABC0008.txt"),
                List.of("ABC0009", "ABC0009", "Smith, Bob", "00/00/0000", "Case", "natives\\0001\\abc0009.TXT", ""),
                List.of("ABC0010", "ABC0010", "Smith, Bob", "31/12/2018", "Drive", "D:\\Exports\\VOL001\\NATIVES\\0001\\ABC0010.txt", ""),
                List.of("ABC0011", "ABC0012", "Smith, Bob", "", "Images only", "", ""));
        Path dat = ContainerFixtures.write(vol.resolve("DATA/VOL001.dat"), ContainerFixtures.dat(sep, charset, bom, rows));
        ContainerFixtures.write(vol.resolve("DATA/VOL001.opt"), String.join("\r\n",
                "ABC0001,VOL001,IMAGES\\0001\\ABC0001.tif,Y,,,2",
                "ABC0002,VOL001,IMAGES\\0001\\ABC0002.tif,,,,",
                "ABC0003,VOL001,IMAGES\\0001\\ABC0003.tif,Y,,,3",
                "ABC0004,VOL001,IMAGES\\0001\\ABC0004.tif,,,,",
                "ABC0005,VOL001,IMAGES\\0001\\ABC0005.tif,,,,",
                "ABC0006,VOL001,IMAGES\\0001\\ABC0006.tif,Y,,,2",
                "ABC0007,VOL001,IMAGES\\0001\\ABC0007.tif,,,,",
                "ABC0008,VOL001,IMAGES\\0001\\ABC0008.tif,Y,,,1",
                "ABC0009,VOL001,IMAGES\\0001\\ABC0009.tif,Y,,,1",
                "ABC0010,VOL001,IMAGES\\0001\\ABC0010.tif,Y,,,1",
                "ABC0011,VOL001,IMAGES\\0001\\ABC0011.tif,Y,,,2",
                "ABC0012,VOL001,IMAGES\\0001\\ABC0012.tif,,,,") + "\r\n");
        return dat;
    }
}
