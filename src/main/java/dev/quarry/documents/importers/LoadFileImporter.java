package dev.quarry.documents.importers;

import dev.quarry.documents.Fields;
import dev.quarry.documents.ImageSet;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.LoadFiles;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import dev.quarry.documents.TextDecoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.HashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A production volume, read through its Concordance DAT: one child per DAT row, carrying the row's
 * fields (Bates range, custodian, date, every original field) and its per-page Bates numbers from the
 * volume's Opticon OPT.
 *
 * <p>The child is the native file when it was produced, else the extracted-text file; a native that
 * has a text file too carries its path ({@link Fields#TEXT_FILE}), and the import uses that text when
 * it cannot read the native or finds no text in it (an image-only PDF, a format it lacks). A row whose
 * files are all missing still becomes a child, stored FAILED under its Bates number with a reason that
 * names the missing files ({@link Fields#FAILURE}): a reviewer must see the gap, not lose the row.
 *
 * <p>The DAT is read from where the user's copy lies ({@link Source#sourcePath()}), since natives and
 * text are found relative to the volume folder; a DAT inside an archive therefore cannot be read.
 */
public final class LoadFileImporter implements Importer {
    private static final Logger log = LoggerFactory.getLogger(LoadFileImporter.class);
    static final String MEDIA_TYPE = "application/x-concordance-dat";

    // Header names as producers spell them, compared upper-case without spaces, dashes or underscores.
    static final List<String> BEGIN = List.of("BEGBATES", "BEGINBATES", "BATESBEGIN", "BATESBEG", "BEGDOC",
            "BEGINDOC", "BEGNO", "BEGINNO", "PRODBEGBATES", "PRODBEG", "PRODBEGDOC", "BEGPROD", "BEGPRODBATES",
            "STARTBATES", "BATESSTART", "BEGBATESNUMBER", "BEGINBATESNUMBER", "FIRSTBATES", "BEGDOCNUM");
    static final List<String> END = List.of("ENDBATES", "BATESEND", "ENDDOC", "ENDNO", "PRODENDBATES",
            "PRODEND", "PRODENDDOC", "ENDPROD", "ENDPRODBATES", "ENDBATESNUMBER", "LASTBATES", "ENDINGBATES", "ENDDOCNUM");
    static final List<String> CUSTODIAN = List.of("CUSTODIAN", "CUSTODIANNAME", "CUSTODIANS", "ALLCUSTODIANS",
            "ALLCUSTODIAN", "DEDUPEDCUSTODIANS");
    static final List<String> NATIVE = List.of("NATIVEPATH", "NATIVEFILE", "NATIVELINK", "NATIVE",
            "NATIVEFILEPATH", "NATIVEFILELINK", "NATIVEFILELOCATION", "NATIVES", "DOCLINK", "FILEPATHNATIVE");
    static final List<String> TEXT = List.of("TEXTPATH", "TEXTFILE", "TEXTLINK", "EXTRACTEDTEXT",
            "EXTRACTEDTEXTPATH", "EXTRACTEDTEXTFILE", "TEXTFILEPATH", "TEXTFILELINK", "TEXT", "OCRPATH", "OCRTEXTPATH",
            "OCRFILE", "FULLTEXT");
    /** The document's own date: sent, then received, then created, then the generic ones, then modified. */
    static final List<String> DATE = List.of("DATESENT", "SENTDATE", "DATETIMESENT", "SENTDATETIME",
            "EMAILSENTDATE", "DATERECEIVED", "RECEIVEDDATE", "DATERCVD", "DATECREATED", "CREATEDDATE", "CREATIONDATE",
            "DATECREATE", "DOCDATE", "DOCUMENTDATE", "DATE", "DATELASTMOD", "DATELASTMODIFIED", "LASTMODIFIEDDATE",
            "DATEMODIFIED", "MODIFIEDDATE");
    private static final List<String> FILE_NAME = List.of("FILENAME", "ORIGINALFILENAME", "NATIVEFILENAME", "ORIGFILENAME",
            "FILENAMEORIGINAL", "DOCNAME");
    /**
     * The producing party's own name for the file, as production tools spell the field; the explicitly
     * "original" ones first, since a DAT that has both may use FILENAME for the produced (Bates) name.
     */
    private static final List<String> ORIGINAL_NAME = List.of("ORIGINALFILENAME", "ORIGFILENAME", "FILENAMEORIGINAL",
            "FILENAMEORIG", "ORIGINALNAME", "ORIGNAME", "NATIVEFILENAME", "FILENAME", "DOCNAME", "DOCUMENTNAME");
    /** An extracted-text field longer than this, or with line breaks, is the text itself rather than a path. */
    static final int MAX_PATH_CHARS = 1000;

    @Override
    public String name() {
        return "loadfile";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        // A row's own native never opens a volume again, even if it is a DAT (no import loops).
        return !source.fields().containsKey(Fields.BATES_BEGIN) && LoadFiles.isConcordanceDat(source.fileName(), head);
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        if (source.sourcePath().contains("!/")) {
            return ParsedDocument.failed(MEDIA_TYPE, "This load file is inside an archive, so the natives and text it lists"
                    + " cannot be found; extract the archive and import the volume folder.");
        }
        Path dat = Path.of(source.sourcePath()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dat)) {
            return ParsedDocument.failed(MEDIA_TYPE, "The volume folder of this load file is no longer at "
                    + dat.getParent() + ", so its natives and text cannot be found.");
        }
        Path root = LoadFiles.volumeRoot(dat);
        VolumeFiles files = new VolumeFiles(List.of(root, dat.getParent()));
        OpticonOpt opt = readOpt(dat, root);

        List<List<String>> rows = new ArrayList<>();
        ConcordanceDat.read(TextDecoding.decode(Files.readAllBytes(source.file())), rows::add);
        if (rows.size() < 2) return ParsedDocument.failed(MEDIA_TYPE, "The load file lists no documents.");
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        Columns cols = new Columns(header);

        Set<Path> listed = new HashSet<>();
        int children = 0, missing = 0, ragged = 0;
        ImageSet images;
        for (int r = 1; r < rows.size(); r++) {
            context.cancel().throwIfCancelled();
            List<String> row = rows.get(r);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(header.size(), row.size()); i++) {
                String v = row.get(i).strip();
                if (!v.isEmpty() && !header.get(i).isEmpty()) fields.putIfAbsent(header.get(i), v);
            }
            if (fields.isEmpty()) continue; // a row of empty fields lists nothing
            if (row.size() != header.size() && ragged++ < 5) {
                log.warn("{} row {} has {} fields, the header {}", dat, r + 1, row.size(), header.size());
            }
            String begin = cols.value(row, BEGIN);
            String end = cols.value(row, END);
            put(fields, Fields.BATES_BEGIN, begin);
            put(fields, Fields.BATES_END, end != null ? end : begin);
            put(fields, Fields.CUSTODIAN, cols.value(row, CUSTODIAN));
            put(fields, Fields.ORIGINAL_NAME, cols.value(row, ORIGINAL_NAME));
            put(fields, Fields.DATE, cols.values(row, DATE).stream().map(LoadFileDates::iso)
                    .filter(d -> d != null).findFirst().orElse(null));
            List<String> pages = opt.pagesOf(begin, end);
            if (pages.isEmpty()) pages = BatesRange.expand(begin, end);
            if (!pages.isEmpty()) fields.put(Fields.PAGE_BATES, String.join("\n", pages));

            String label = begin == null ? "row " + r : end == null || end.equals(begin) ? begin : begin + "\u2013" + end;
            String nativeRef = cols.value(row, NATIVE);
            String textRef = cols.value(row, TEXT);
            boolean inlineText = textRef != null && (textRef.length() > MAX_PATH_CHARS || textRef.indexOf('\n') >= 0);
            Optional<Path> nativeFile = usable(files.resolve(nativeRef), dat);
            Optional<Path> textFile = inlineText ? Optional.empty() : usable(files.resolve(textRef), dat);
            String display = begin != null ? begin : cols.value(row, FILE_NAME);
            nativeFile.ifPresent(listed::add);
            textFile.ifPresent(listed::add);

            if (nativeFile.isPresent()) {
                Path f = nativeFile.get();
                textFile.ifPresent(t -> fields.put(Fields.TEXT_FILE, t.toString()));
                context.children().addFile(f, f.getFileName().toString(), f.toString(), fields);
            } else if (textFile.isPresent()) {
                Path f = textFile.get();
                put(fields, Fields.DISPLAY_NAME, display);
                if (nativeRef != null) {
                    fields.put(NOTE, "The native " + nativeRef + " is not in the volume; this is the producer's text file.");
                }
                context.children().addFile(f, f.getFileName().toString(), f.toString(), fields);
            } else if (inlineText) {
                put(fields, Fields.DISPLAY_NAME, display);
                String name = (begin != null ? begin : "row-" + r) + ".txt";
                context.children().add(name, dat + "#" + label, new ByteArrayInputStream(textRef.getBytes(StandardCharsets.UTF_8)), fields);
            } else if ((images = imageSet(opt, files, pages, context)) != null) {
                // Only page images: a document of those pages, each with its own Bates number, read by OCR.
                put(fields, Fields.DISPLAY_NAME, display);
                String name = (begin != null ? begin : "row-" + r) + ".images.json";
                context.children().add(name, dat + "#" + label, new ByteArrayInputStream(images.encode()), fields);
            } else {
                missing++;
                String reason = missingReason(label, nativeRef, textRef, pages.size());
                put(fields, Fields.DISPLAY_NAME, display != null ? display : label);
                fields.put(Fields.FAILURE, reason);
                String where = nativeRef != null ? files.expected(nativeRef).toString()
                        : textRef != null ? files.expected(textRef).toString() : dat + "#" + label;
                byte[] body = ("Not imported: " + label + " from " + dat + "\n" + reason + "\n").getBytes(StandardCharsets.UTF_8);
                context.children().add((begin != null ? begin : "row-" + r) + ".txt", where, new ByteArrayInputStream(body), fields);
            }
            children++;
        }
        if (ragged > 0) log.warn("{}: {} rows have a different number of fields than the header", dat, ragged);
        if (missing > 0) log.info("{}: {} of {} documents have no native or text file in the volume", dat, missing, children);
        for (String image : opt.imagePaths()) files.resolve(image).ifPresent(listed::add);
        int unlisted = 0;
        for (Path f : unlisted(root, dat, listed)) {
            context.cancel().throwIfCancelled();
            context.children().addFile(f, f.getFileName().toString(), f.toString(),
                    Map.of(NOTE, "In the volume folder but not listed in " + dat.getFileName() + "; it has no Bates number."));
            unlisted++;
        }
        if (unlisted > 0) log.info("{}: {} files in the volume are not in the load file; imported without Bates numbers", dat, unlisted);
        return ParsedDocument.container(MEDIA_TYPE);
    }

    /**
     * The document as its page images, when the OPT names an image in the volume for each of its pages (a line
     * with no image path is the next frame of the last image: a multi-page TIFF listed once); else null. The
     * images are stored in the matter as they are, once each.
     */
    private static ImageSet imageSet(OpticonOpt opt, VolumeFiles files, List<String> pages, ImportContext context) throws IOException {
        if (pages.isEmpty()) return null;
        List<ImageSet.Page> out = new ArrayList<>(pages.size());
        Map<Path, String> stored = new HashMap<>();
        Path last = null;
        int frame = 0;
        for (String bates : pages) {
            String ref = opt.imageOf(bates);
            if (ref == null) return null;
            Path file;
            if (ref.isEmpty()) {
                if (last == null) return null;
                file = last;
                frame++;
            } else {
                Optional<Path> f = files.resolve(ref);
                if (f.isEmpty()) return null;
                file = f.get();
                frame = file.equals(last) ? frame + 1 : 0;
            }
            String sha = stored.get(file);
            if (sha == null) {
                try (InputStream in = Files.newInputStream(file)) {
                    sha = context.children().store(in);
                }
                stored.put(file, sha);
            }
            out.add(new ImageSet.Page(sha, frame, bates, file.getFileName().toString()));
            last = file;
        }
        return ImageSet.of(out);
    }

    /** A note for the reviewer, kept in the document's metadata (not a quarry.* key, so it is stored as found). */
    static final String NOTE = "load_file_note";
    private static final Set<String> LOAD_FILE_EXTENSIONS = Set.of("dat", "opt", "lfp", "lst", "log", "dii", "sum");

    /**
     * Files in the volume that no row and no image line names: a producer's extra documents or a load
     * file that lost rows. The planner skips everything in a volume but the DAT, so without this they
     * would vanish silently; they import as ordinary documents, marked. Page images and load files are
     * not documents.
     */
    private static List<Path> unlisted(Path root, Path dat, Set<Path> listed) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !listed.contains(f) && !f.equals(dat))
                    .filter(f -> {
                        String n = f.getFileName().toString();
                        String ext = n.lastIndexOf('.') < 0 ? "" : n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                        return !n.startsWith(".") && !n.equalsIgnoreCase("Thumbs.db") && !n.equalsIgnoreCase("desktop.ini")
                                && !LOAD_FILE_EXTENSIONS.contains(ext) && !underImages(root, f);
                    })
                    .sorted().toList();
        }
    }

    private static boolean underImages(Path root, Path f) {
        for (Path p = f.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (p.getFileName().toString().toUpperCase(Locale.ROOT).startsWith("IMAGE")) return true;
        }
        return false;
    }

    private static String missingReason(String label, String nativeRef, String textRef, int pages) {
        if (nativeRef == null && textRef == null) {
            return "The load file gives no native or text file for " + label
                    + (pages > 0 ? " (only " + pages + " page image" + (pages == 1 ? "" : "s") + ")" : "")
                    + ", so Quarry has no text for it.";
        }
        String named = nativeRef != null && textRef != null ? nativeRef + " and " + textRef
                : nativeRef != null ? nativeRef : textRef;
        return "The load file lists " + named + " for " + label + ", but "
                + (nativeRef != null && textRef != null ? "neither is" : "it is not") + " in the volume.";
    }

    /** A file the DAT points at, unless it is the DAT itself (a volume never imports its own load file). */
    private static Optional<Path> usable(Optional<Path> file, Path dat) {
        return file.filter(f -> !f.toAbsolutePath().normalize().equals(dat));
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null && !value.isBlank()) fields.put(key, value.strip());
    }

    /** The volume's OPT files: beside the DAT, at the volume root, or in its DATA / IMAGES folders. */
    static OpticonOpt readOpt(Path dat, Path root) throws IOException {
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
        String base = baseName(dat);
        List<Path> same = opts.stream().filter(p -> baseName(p).equalsIgnoreCase(base)).toList();
        OpticonOpt opt = new OpticonOpt();
        for (Path p : same.isEmpty() ? opts.stream().sorted().toList() : same) {
            try {
                opt.read(TextDecoding.decode(Files.readAllBytes(p)));
            } catch (UncheckedIOException | IOException e) {
                log.warn("Could not read the image cross-reference {}", p, e);
            }
        }
        return opt;
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    /** Column positions for each field Quarry reads, found once from the header. */
    private static final class Columns {
        private final Map<String, Integer> byKey = new LinkedHashMap<>();

        Columns(List<String> header) {
            for (int i = 0; i < header.size(); i++) byKey.putIfAbsent(key(header.get(i)), i);
        }

        static String key(String name) {
            return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        }

        /** The first non-blank value among the columns named, in the order named. */
        String value(List<String> row, List<String> names) {
            List<String> all = values(row, names);
            return all.isEmpty() ? null : all.get(0);
        }

        List<String> values(List<String> row, List<String> names) {
            List<String> out = new ArrayList<>();
            for (String n : names) {
                Integer i = byKey.get(n);
                if (i != null && i < row.size() && !row.get(i).isBlank()) out.add(row.get(i).strip());
            }
            return out;
        }
    }
}
