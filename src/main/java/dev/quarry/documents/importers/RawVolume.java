package dev.quarry.documents.importers;

import dev.quarry.documents.LoadFiles;
import dev.quarry.documents.TextDecoding;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A production volume read as it lies on disk, for checking rather than importing: every DAT row with
 * its fields and the files it names (found or not), and every OPT line as written, duplicates and all.
 * {@link LoadFileImporter} forgives what it can (a repeated OPT page, a path in the wrong case); this
 * keeps the raw facts so that a quality check can say what the producer got wrong. Column names and the
 * way paths are resolved are the importer's own ({@link VolumeFiles}), so the two never disagree about
 * whether a file is there.
 */
public final class RawVolume {
    /** Header names compared upper-case without spaces, dashes or underscores, as the importer does. */
    public static final List<String> BEGIN = LoadFileImporter.BEGIN;
    public static final List<String> END = LoadFileImporter.END;
    public static final List<String> CUSTODIAN = LoadFileImporter.CUSTODIAN;
    public static final List<String> DATE = LoadFileImporter.DATE;
    public static final List<String> PAGE_COUNT = List.of("PAGECOUNT", "PAGES", "NUMPAGES", "PGCOUNT", "PAGECNT", "IMAGECOUNT");
    public static final List<String> FROM = List.of("FROM", "EMAILFROM", "SENDER", "EMAILSENDER", "AUTHORFROM");
    public static final List<String> TO = List.of("TO", "EMAILTO", "RECIPIENT", "RECIPIENTS", "EMAILRECIPIENTS");
    public static final List<String> MD5 = List.of("MD5HASH", "MD5", "HASHMD5", "MD5SUM", "NATIVEMD5", "MD5HASHVALUE");
    public static final List<String> SHA1 = List.of("SHA1", "SHA1HASH", "HASHSHA1", "SHA1HASHVALUE", "NATIVESHA1");
    public static final List<String> SHA256 = List.of("SHA256", "SHA256HASH", "HASHSHA256");
    /** A hash field that does not say which: told apart by its length (32 MD5, 40 SHA-1, 64 SHA-256). */
    public static final List<String> HASH = List.of("HASH", "HASHVALUE", "FILEHASH", "NATIVEHASH");
    public static final List<String> ATTACH_BEGIN = List.of("BEGATTACH", "BEGINATTACH", "ATTACHBEGIN", "BEGATT",
            "BEGATTACHMENT", "BEGFAMILY", "FAMILYBEGIN", "BEGINFAMILY", "PRODBEGATTACH", "BEGATTACHBATES", "ATTACHBEG");
    public static final List<String> ATTACH_END = List.of("ENDATTACH", "ATTACHEND", "ENDATT", "ENDATTACHMENT",
            "ENDFAMILY", "FAMILYEND", "PRODENDATTACH", "ENDATTACHBATES");
    public static final List<String> ATTACH_RANGE = List.of("ATTACHRANGE", "FAMILYRANGE", "ATTACHMENTRANGE", "BATESRANGEATTACH");
    public static final List<String> PARENT = List.of("PARENTBATES", "PARENTID", "PARENTDOCID", "PARENTBEGBATES", "PARENTDOC");
    public static final List<String> ATTACHMENTS = List.of("ATTACHIDS", "ATTACHMENTIDS", "ATTACHBATES", "CHILDBATES", "ATTACHMENTBATES");
    public static final List<String> FILE_EXTENSION = List.of("FILEEXT", "FILEEXTENSION", "EXTENSION", "DOCEXT", "NATIVEEXT");

    /**
     * One DAT row.
     *
     * @param line       the row's line in the DAT (the header is line 1; a row with line breaks in a value counts once)
     * @param values     header name (normalised) to value, blanks included
     * @param nativeRef  the native path as written, or null
     * @param nativeFile the native found in the volume
     * @param textRef    the extracted-text path as written (null when absent or the text itself is inline)
     * @param textFile   the text file found in the volume
     */
    public record Row(int line, String begin, String end, Map<String, String> values, String nativeRef,
                      Optional<Path> nativeFile, String textRef, Optional<Path> textFile) {
        /** The first non-blank value among the columns named, in that order; null when none. */
        public String value(List<String> names) {
            for (String n : names) {
                String v = values.get(n);
                if (v != null && !v.isBlank()) return v.strip();
            }
            return null;
        }
    }

    /** One OPT line: its page Bates, the image path as written and the file found, and whether it starts a document. */
    public record OptPage(Path optFile, int line, String bates, String image, Optional<Path> imageFile, boolean docBreak) {}

    private final Path dat;
    private final Path root;
    private final List<String> header;
    private final List<Row> rows;
    private final List<OptPage> opt;
    private final List<Path> optFiles;

    private RawVolume(Path dat, Path root, List<String> header, List<Row> rows, List<OptPage> opt, List<Path> optFiles) {
        this.dat = dat;
        this.root = root;
        this.header = header;
        this.rows = rows;
        this.opt = opt;
        this.optFiles = optFiles;
    }

    public Path dat() { return dat; }
    public Path root() { return root; }
    /** The DAT's header, normalised (upper case, letters and digits only). */
    public List<String> header() { return header; }
    public List<Row> rows() { return rows; }
    public List<OptPage> opt() { return opt; }
    public List<Path> optFiles() { return optFiles; }

    /** Whether the DAT has any of the columns named. */
    public boolean hasColumn(List<String> names) {
        return names.stream().anyMatch(header::contains);
    }

    /** The header names of the columns named that the DAT has, in its own order. */
    public List<String> columns(List<String> names) {
        return header.stream().filter(names::contains).distinct().toList();
    }

    static String key(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    /** Reads the volume of {@code dat}: the DAT itself, and the OPT files the importer would read. */
    public static RawVolume read(Path dat) throws IOException {
        Path abs = dat.toAbsolutePath().normalize();
        Path root = LoadFiles.volumeRoot(abs);
        VolumeFiles files = new VolumeFiles(List.of(root, abs.getParent()));
        List<List<String>> raw = new ArrayList<>();
        ConcordanceDat.read(TextDecoding.decode(Files.readAllBytes(abs)), raw::add);
        List<String> header = raw.isEmpty() ? List.of() : raw.get(0).stream().map(RawVolume::key).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < raw.size(); r++) {
            List<String> cells = raw.get(r);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
                if (!header.get(i).isEmpty()) values.putIfAbsent(header.get(i), cells.get(i).strip());
            }
            if (values.values().stream().allMatch(String::isBlank)) continue;
            Row probe = new Row(r + 1, null, null, values, null, Optional.empty(), null, Optional.empty());
            String begin = probe.value(BEGIN);
            String end = probe.value(END);
            String nativeRef = probe.value(LoadFileImporter.NATIVE);
            String textRef = probe.value(LoadFileImporter.TEXT);
            if (textRef != null && (textRef.length() > LoadFileImporter.MAX_PATH_CHARS || textRef.indexOf('\n') >= 0)) textRef = null;
            rows.add(new Row(r + 1, begin, end != null ? end : begin, values, nativeRef, files.resolve(nativeRef),
                    textRef, files.resolve(textRef)));
        }
        List<Path> optFiles = optFiles(abs, root);
        List<OptPage> opt = new ArrayList<>();
        for (Path p : optFiles) {
            String[] lines = TextDecoding.decode(Files.readAllBytes(p)).split("\r\n|\r|\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                String[] f = lines[i].split(",", -1);
                String bates = f[0].strip();
                if (bates.isEmpty()) continue;
                // Image paths may hold commas: DOCBREAK is the fourth field from the end of a 7-field line.
                boolean docBreak = f.length >= 4 && f[f.length >= 7 ? f.length - 4 : 3].strip().equalsIgnoreCase("Y");
                String image = f.length >= 3 ? String.join(",", Arrays.asList(f).subList(2, Math.max(3, f.length - 4))).strip() : null;
                opt.add(new OptPage(p, i + 1, bates, image, files.resolve(image), docBreak));
            }
        }
        return new RawVolume(abs, root, header, rows, opt, optFiles);
    }

    /**
     * The OPT files of a volume, where the importer looks for them: beside the DAT, at the volume root,
     * or in its DATA / IMAGES / LOADFILES folders; those named like the DAT when there are any.
     */
    static List<Path> optFiles(Path dat, Path root) throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(dat.getParent(), root));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : s) {
                String n = d.getFileName().toString().toUpperCase(Locale.ROOT);
                if (n.equals("DATA") || n.startsWith("IMAGE") || n.startsWith("LOADFILE") || n.equals("LOAD FILES")) dirs.add(d);
            }
        }
        List<Path> opts = new ArrayList<>();
        for (Path d : dirs.stream().map(Path::normalize).distinct().toList()) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d,
                    p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".opt") && Files.isRegularFile(p))) {
                s.forEach(opts::add);
            }
        }
        String base = stem(dat);
        List<Path> same = opts.stream().filter(p -> stem(p).equalsIgnoreCase(base)).sorted().toList();
        return same.isEmpty() ? opts.stream().sorted().toList() : same;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
