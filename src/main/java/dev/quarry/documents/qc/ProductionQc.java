package dev.quarry.documents.qc;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.BatesNumber;
import dev.quarry.documents.Fields;
import dev.quarry.documents.LoadFiles;
import dev.quarry.documents.importers.RawVolume;
import dev.quarry.documents.qc.QcRepository.Produced;
import dev.quarry.documents.qc.QcRepository.Production;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quality check of one production: what a reviewer would otherwise find by hand before writing to
 * opposing counsel. For a load-file production it reads the volume as it lies on disk
 * ({@link RawVolume}: every DAT row and OPT line) and the matter (what the import made of each
 * document, and the Bates ranges of the other productions), and reports:
 * Bates gaps, overlaps and duplicates within the production and against the matter's other productions;
 * DAT rows against OPT document breaks against the files present (natives, text, page images); page
 * counts of the DAT, the Bates range, the OPT and the file itself (PDFs and images, whose pages are
 * real); hash fields against the native; documents without searchable text; blank custodians, dates,
 * senders and recipients with their rate; family ranges pointing at Bates no production holds; and slip
 * sheets. A production of loose files gets the two checks that need no load file (text, slip sheets).
 *
 * <p>{@link #run} stores the report (replacing the last one); the import runs it after every load-file
 * import, the command line and the Documents pane on demand. Deficiency review reads
 * {@link #stored} to show these findings as production findings.
 */
public final class ProductionQc {
    /** A slip sheet is a short placeholder; a long document that mentions "withheld" is not one. */
    static final int SLIP_SHEET_MAX_CHARS = 1500;
    private static final Pattern SLIP = Pattern.compile("(?i)\\b(withheld|produced\\s+(?:in\\s+)?natively"
            + "|produced\\s+in\\s+(?:its\\s+)?native(?:\\s+(?:format|form))?|native(?:\\s+file)?\\s+(?:produced|placeholder)"
            + "|slip\\s*sheet|redacted\\s+in\\s+(?:its\\s+)?entirety)\\b");
    private static final int LISTED = 10;

    private final QcRepository repo;

    public ProductionQc(Database db) {
        this.repo = new QcRepository(db);
    }

    public List<Production> productions() {
        return repo.productions();
    }

    /**
     * The production called {@code name} (exactly, else ignoring case; the most recent when several share
     * it), or the one whose id it is.
     */
    public Optional<Production> production(String name) {
        List<Production> all = repo.productions();
        String n = name.strip();
        for (int pass = 0; pass < 2; pass++) {
            Production hit = null;
            for (Production p : all) {
                if (pass == 0 ? p.name().equals(n) : p.name().equalsIgnoreCase(n)) hit = p;
            }
            if (hit != null) return Optional.of(hit);
        }
        if (n.matches("\\d{1,18}")) {
            long id = Long.parseLong(n);
            return all.stream().filter(p -> p.id() == id).findFirst();
        }
        return Optional.empty();
    }

    /** The stored report of the production an import job filled (the check that ran after it), or empty. */
    public Optional<QcReport> storedForJob(long jobId) {
        return repo.productionOfJob(jobId).flatMap(repo::load);
    }

    /** Checks the production and stores the report in place of the last one. */
    public QcReport run(long productionId) {
        QcReport report = check(productionId);
        repo.save(report);
        return report;
    }

    /** The report stored by the last {@link #run}, or empty when the production was never checked. */
    public Optional<QcReport> stored(long productionId) {
        return repo.load(productionId);
    }

    /** The report as a table: one row per finding (production, kind, bates_begin, bates_end, detail). */
    public static List<String> tableHeader() {
        return List.of("production", "kind", "bates_begin", "bates_end", "detail");
    }

    public static List<List<String>> tableRows(QcReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (QcFinding f : report.findings()) {
            rows.add(java.util.Arrays.asList(report.production(), f.kind().id(), f.batesBegin(), f.batesEnd(), f.detail()));
        }
        return rows;
    }

    /** Writes the report as CSV or XLSX ({@link dev.quarry.export.TableWriter}). */
    public static void export(QcReport report, Path file, dev.quarry.export.TableWriter.Format format) {
        dev.quarry.export.TableWriter.write(file, format, "QC " + report.production(), tableHeader(), tableRows(report));
    }

    /** Checks the production without storing anything. */
    public QcReport check(long productionId) {
        Production production = repo.productions().stream().filter(p -> p.id() == productionId).findFirst()
                .orElseThrow(() -> new QuarryException("There is no production " + productionId + " in this matter."));
        List<Produced> produced = repo.produced(productionId);
        List<Path> dats = repo.loadFiles(productionId).stream().filter(p -> p.getFileName().toString()
                .toLowerCase(Locale.ROOT).endsWith(".dat")).toList();
        Findings out = new Findings();
        int documents;
        long pages;
        if (!"load_file".equals(production.kind()) || dats.isEmpty()) {
            List<Produced> items = produced;
            documents = items.size();
            pages = items.stream().mapToLong(Produced::pageCount).sum();
            textChecks(items, Map.of(), out);
        } else {
            List<RawVolume> volumes = new ArrayList<>();
            for (Path dat : dats) {
                if (!Files.isRegularFile(dat)) {
                    throw new QuarryException("The load file " + dat + " of production \u201c" + production.name()
                            + "\u201d is no longer there; the check reads the volume as it was imported, so put the volume back"
                            + " at " + dat.getParent() + " to check it again.");
                }
                if (!LoadFiles.isConcordanceDat(dat)) continue;
                try {
                    volumes.add(RawVolume.read(dat));
                } catch (IOException e) {
                    throw new QuarryException("The load file " + dat + " could not be read.", e);
                }
            }
            Volume v = new Volume(volumes);
            documents = v.rows.size();
            pages = v.pageCount();
            Map<String, Produced> byBegin = new HashMap<>();
            for (Produced p : produced) if (p.batesBegin() != null && !p.child()) byBegin.putIfAbsent(key(p.batesBegin()), p);
            batesChecks(v, repo.otherRanges(productionId), out);
            optChecks(v, byBegin, out);
            fileChecks(v, out);
            blankChecks(v, out);
            familyChecks(v, repo.otherRanges(productionId), out);
            List<Produced> items = produced.stream().filter(p -> p.batesBegin() != null && !p.child()).toList();
            textChecks(items, v.rowsByBegin(), out);
        }
        return new QcReport(productionId, production.name(), documents, pages, Clock.now(), out.sorted());
    }

    // ------------------------------------------------------------------ the volume as one list of rows

    /** A DAT row with the volume it came from and its parsed range. */
    private record Item(RawVolume volume, RawVolume.Row row, BatesNumber b, BatesNumber e) {
        String label() {
            return range(row.begin(), row.end());
        }

        String where() {
            return volume.dat().getFileName() + " line " + row.line();
        }

        /** Pages by the Bates range, or -1 when begin and end are not one series. */
        long rangePages() {
            return b != null && e != null && sameSeries(b, e) && e.number() >= b.number() ? e.number() - b.number() + 1 : -1;
        }
    }

    private static final class Volume {
        final List<RawVolume> volumes;
        final List<Item> rows = new ArrayList<>();
        final List<RawVolume.OptPage> opt = new ArrayList<>();

        /** The DAT rows' ranges alone (no OPT pages), built when first asked. */
        ProducedBates rowRanges;

        Volume(List<RawVolume> volumes) {
            this(volumes, true);
        }

        Volume(List<RawVolume> volumes, boolean withOpt) {
            this.volumes = volumes;
            for (RawVolume v : volumes) {
                for (RawVolume.Row r : v.rows()) {
                    rows.add(new Item(v, r, BatesNumber.parse(r.begin()).orElse(null), BatesNumber.parse(r.end()).orElse(null)));
                }
                if (withOpt) opt.addAll(v.opt());
            }
        }

        long pageCount() {
            if (!opt.isEmpty()) return opt.stream().map(o -> key(o.bates())).distinct().count();
            return rows.stream().mapToLong(i -> Math.max(1, i.rangePages())).sum();
        }

        Map<String, Item> rowsByBegin() {
            Map<String, Item> m = new HashMap<>();
            for (Item i : rows) if (i.row().begin() != null) m.putIfAbsent(key(i.row().begin()), i);
            return m;
        }
    }

    // ------------------------------------------------------------------ Bates: gaps, overlaps, duplicates

    /** A range on the number line of one Bates series; {@code production} null for the production checked. */
    private record Span(String series, long b, long e, String begin, String end, String production, String where) {
        boolean ours() {
            return production == null;
        }

        String label() {
            return range(begin, end) + (production == null ? "" : " (production \u201c" + production + "\u201d)");
        }
    }

    private static void batesChecks(Volume v, List<QcRepository.Range> others, Findings out) {
        // Rows without a usable Bates range.
        for (Item i : v.rows) {
            if (i.row().begin() == null) {
                out.add(QcKind.MISSING_FILE, null, null, "The row at " + i.where() + " has no Bates number, so the document it lists cannot be cited.");
            } else if (i.b() != null && i.e() != null && sameSeries(i.b(), i.e()) && i.e().number() < i.b().number()) {
                out.add(QcKind.BATES_OVERLAP, i.row().begin(), i.row().end(), i.label() + " ends before it begins (" + i.where() + ").");
            }
        }
        List<Span> spans = new ArrayList<>();
        for (Item i : v.rows) {
            if (i.rangePages() > 0) spans.add(new Span(series(i.b()), i.b().number(), i.e().number(), i.row().begin(), i.row().end(), null, i.where()));
        }
        for (QcRepository.Range r : others) {
            BatesNumber b = BatesNumber.parse(r.begin()).orElse(null);
            BatesNumber e = BatesNumber.parse(r.end() == null ? r.begin() : r.end()).orElse(null);
            if (b != null && e != null && sameSeries(b, e) && e.number() >= b.number()) {
                spans.add(new Span(series(b), b.number(), e.number(), r.begin(), r.end() == null ? r.begin() : r.end(), r.production(), null));
            }
        }
        // Duplicates: the same first number twice (two rows here, or here and in another production).
        Map<String, List<Span>> byStart = new LinkedHashMap<>();
        for (Span s : spans) byStart.computeIfAbsent(s.series() + "#" + s.b(), k -> new ArrayList<>()).add(s);
        for (List<Span> same : byStart.values()) {
            List<Span> ours = same.stream().filter(Span::ours).toList();
            if (same.size() < 2 || ours.isEmpty()) continue;
            Span first = ours.get(0);
            List<String> where = new ArrayList<>();
            for (Span s : same) where.add(s.ours() ? range(s.begin(), s.end()) + " at " + s.where() : s.label());
            out.add(QcKind.DUPLICATE_BATES, first.begin(), first.end(), first.begin() + " begins " + same.size()
                    + " documents: " + String.join("; ", where) + ".");
        }
        // Overlaps and gaps: one sweep per series over every production's ranges, so a gap that another
        // production fills is no gap, and a gap between two productions is found too.
        Map<String, List<Span>> bySeries = new LinkedHashMap<>();
        for (Span s : spans) bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
        for (List<Span> list : bySeries.values()) {
            if (list.stream().noneMatch(Span::ours)) continue;
            list.sort(Comparator.comparingLong(Span::b).thenComparingLong(Span::e));
            Span reach = null;
            for (Span s : list) {
                if (reach != null) {
                    boolean involvesUs = s.ours() || reach.ours();
                    if (s.b() <= reach.e()) {
                        if (involvesUs && s.b() != reach.b()) {
                            long to = Math.min(s.e(), reach.e());
                            out.add(QcKind.BATES_OVERLAP, s.begin(), format(s, to), s.label() + " overlaps " + reach.label()
                                    + ": " + count(to - s.b() + 1, "page") + " (" + range(s.begin(), format(s, to)) + ") "
                                    + (to == s.b() ? "is" : "are") + " numbered in both.");
                        }
                    } else if (s.b() > reach.e() + 1 && involvesUs) {
                        String from = format(s, reach.e() + 1), to = format(s, s.b() - 1);
                        out.add(QcKind.BATES_GAP, from, to, range(from, to) + " (" + count(s.b() - reach.e() - 1, "number")
                                + ") " + (s.b() - reach.e() - 1 == 1 ? "is" : "are") + " missing between " + reach.label() + " and " + s.label() + ".");
                    }
                }
                if (reach == null || s.e() > reach.e()) reach = s;
            }
        }
    }

    // ------------------------------------------------------------------ DAT rows, OPT breaks, page counts

    private static void optChecks(Volume v, Map<String, Produced> byBegin, Findings out) {
        Map<String, Item> rows = v.rowsByBegin();
        // OPT pages listed twice.
        Map<String, List<RawVolume.OptPage>> seen = new LinkedHashMap<>();
        for (RawVolume.OptPage p : v.opt) seen.computeIfAbsent(key(p.bates()), k -> new ArrayList<>()).add(p);
        for (List<RawVolume.OptPage> same : seen.values()) {
            if (same.size() < 2) continue;
            List<String> lines = same.stream().map(p -> p.optFile().getFileName() + " line " + p.line()).toList();
            out.add(QcKind.DUPLICATE_BATES, same.get(0).bates(), same.get(0).bates(), "The page " + same.get(0).bates()
                    + " is listed " + same.size() + " times in the image cross-reference (" + String.join(", ", lines) + ").");
        }
        // The OPT's documents: a run of pages from one break to the next.
        List<List<RawVolume.OptPage>> optDocs = new ArrayList<>();
        for (RawVolume.OptPage p : v.opt) {
            if (p.docBreak() || optDocs.isEmpty()) optDocs.add(new ArrayList<>());
            optDocs.get(optDocs.size() - 1).add(p);
        }
        Map<String, List<RawVolume.OptPage>> optByFirst = new HashMap<>();
        for (List<RawVolume.OptPage> d : optDocs) optByFirst.putIfAbsent(key(d.get(0).bates()), d);
        for (List<RawVolume.OptPage> d : optDocs) {
            String first = d.get(0).bates(), last = d.get(d.size() - 1).bates();
            if (rows.containsKey(key(first)) || insideARow(v, first)) continue;
            out.add(QcKind.MISSING_FILE, first, last, "The image cross-reference lists a document at " + range(first, last)
                    + " (" + count(d.size(), "page") + ") that has no row in the load file.");
        }
        for (Item i : v.rows) {
            if (i.row().begin() == null) continue;
            List<RawVolume.OptPage> doc = optByFirst.get(key(i.row().begin()));
            if (!v.opt.isEmpty() && doc == null) {
                boolean listed = seen.containsKey(key(i.row().begin()));
                out.add(QcKind.MISSING_FILE, i.row().begin(), i.row().end(), listed
                        ? "The image cross-reference does not start a document at " + i.row().begin() + ", where the load file's "
                                + i.label() + " begins."
                        : "The image cross-reference has no page for " + i.label() + ", which the load file lists.");
            }
            // Page counts: whatever of the four is known must agree.
            Map<String, Long> counts = new LinkedHashMap<>();
            String declared = i.row().value(RawVolume.PAGE_COUNT);
            if (declared != null && declared.matches("\\d{1,9}")) counts.put("the load file's page count", Long.parseLong(declared));
            if (i.rangePages() > 0) counts.put("its Bates range", i.rangePages());
            if (doc != null) counts.put("the image cross-reference", (long) doc.size());
            Produced p = byBegin.get(key(i.row().begin()));
            if (p != null && hasRealPages(p) && p.pageCount() > 0) counts.put("the " + kindOfFile(p), (long) p.pageCount());
            if (counts.values().stream().distinct().count() > 1) {
                List<String> parts = new ArrayList<>();
                counts.forEach((what, n) -> parts.add(what + " " + n));
                out.add(QcKind.PAGE_COUNT_MISMATCH, i.row().begin(), i.row().end(), "The page counts of " + i.label()
                        + " disagree: " + String.join(", ", parts) + ".");
            }
            // Page images the OPT names that are not in the volume.
            if (doc != null) {
                List<String> missing = new ArrayList<>();
                for (RawVolume.OptPage pg : doc) {
                    // An OPT that points at the native or text file itself (as text-only productions do) is
                    // reported once, as that file missing.
                    if (pg.image() == null || pg.image().isBlank() || pg.imageFile().isPresent()
                            || samePath(pg.image(), i.row().nativeRef()) || samePath(pg.image(), i.row().textRef())) continue;
                    missing.add(pg.image());
                }
                List<String> distinct = missing.stream().distinct().toList();
                if (!distinct.isEmpty()) {
                    out.add(QcKind.MISSING_FILE, i.row().begin(), i.row().end(), "The images of " + missing.size() + " of the "
                            + count(doc.size(), "page") + " of " + i.label() + " are not in the volume: " + listed(distinct) + ".");
                }
            }
        }
    }

    private static boolean samePath(String a, String b) {
        return a != null && b != null && a.strip().replace('\\', '/').equalsIgnoreCase(b.strip().replace('\\', '/'));
    }

    private static boolean insideARow(Volume v, String bates) {
        if (v.rowRanges == null) v.rowRanges = new ProducedBates(new Volume(v.volumes, false), List.of());
        return v.rowRanges.holds(bates);
    }

    /** Formats whose pages are the producer's pages: PDF and page images (text files get pages from the OPT). */
    private static boolean hasRealPages(Produced p) {
        String m = p.mediaType() == null ? "" : p.mediaType();
        return !p.producedText() && "completed".equals(p.status()) && (m.equals("application/pdf") || m.startsWith("image/"));
    }

    private static String kindOfFile(Produced p) {
        return "application/pdf".equals(p.mediaType()) ? "PDF" : "image file";
    }

    // ------------------------------------------------------------------ natives, text files, hashes

    private static void fileChecks(Volume v, Findings out) {
        for (Item i : v.rows) {
            RawVolume.Row r = i.row();
            if (r.nativeRef() != null && r.nativeFile().isEmpty()) {
                out.add(QcKind.MISSING_FILE, r.begin(), r.end(), "The native " + r.nativeRef() + " of " + i.label() + " is not in the volume.");
            }
            if (r.textRef() != null && r.textFile().isEmpty()) {
                out.add(QcKind.MISSING_FILE, r.begin(), r.end(), "The text file " + r.textRef() + " of " + i.label() + " is not in the volume.");
            }
            if (r.nativeFile().isEmpty()) continue;
            Map<String, String> wanted = new LinkedHashMap<>();
            for (String col : i.volume().columns(RawVolume.MD5)) put(wanted, col, "MD5", r.values().get(col));
            for (String col : i.volume().columns(RawVolume.SHA1)) put(wanted, col, "SHA-1", r.values().get(col));
            for (String col : i.volume().columns(RawVolume.SHA256)) put(wanted, col, "SHA-256", r.values().get(col));
            for (String col : i.volume().columns(RawVolume.HASH)) {
                String val = r.values().get(col);
                String alg = val == null ? null : switch (val.strip().length()) {
                    case 32 -> "MD5";
                    case 40 -> "SHA-1";
                    case 64 -> "SHA-256";
                    default -> null;
                };
                if (alg != null) put(wanted, col, alg, val);
            }
            if (wanted.isEmpty()) continue;
            Map<String, String> actual;
            try {
                actual = FileHashes.of(r.nativeFile().get(), wanted.keySet().stream().map(k -> k.substring(k.indexOf('|') + 1)).distinct().toList());
            } catch (IOException e) {
                out.add(QcKind.HASH_MISMATCH, r.begin(), r.end(), "The native " + r.nativeRef() + " of " + i.label()
                        + " could not be read to check its hash.");
                continue;
            }
            for (Map.Entry<String, String> w : wanted.entrySet()) {
                String col = w.getKey().substring(0, w.getKey().indexOf('|'));
                String alg = w.getKey().substring(w.getKey().indexOf('|') + 1);
                String given = w.getValue().strip().toLowerCase(Locale.ROOT);
                String is = actual.get(alg);
                if (!given.matches("[0-9a-f]+") || given.length() != is.length()) {
                    out.add(QcKind.HASH_MISMATCH, r.begin(), r.end(), "The " + col + " of " + i.label() + " (" + w.getValue().strip()
                            + ") is not an " + alg + " hash; the native " + r.nativeRef() + " hashes to " + is + ".");
                } else if (!given.equals(is)) {
                    out.add(QcKind.HASH_MISMATCH, r.begin(), r.end(), "The " + col + " of " + i.label() + " is " + given
                            + ", but the native " + r.nativeRef() + " hashes to " + is + " (" + alg + ").");
                }
            }
        }
    }

    private static void put(Map<String, String> wanted, String column, String algorithm, String value) {
        if (value != null && !value.isBlank()) wanted.putIfAbsent(column + "|" + algorithm, value);
    }

    // ------------------------------------------------------------------ blank fields

    private static final List<String> SUBJECT = List.of("SUBJECT", "EMAILSUBJECT");
    private static final List<String> CC = List.of("CC", "EMAILCC", "BCC", "EMAILBCC");
    private static final List<String> MAIL_EXTENSIONS = List.of("msg", "eml", "emlx", "mbox", "mht");

    private static void blankChecks(Volume v, Findings out) {
        blank(v, "custodian", RawVolume.CUSTODIAN, false, out);
        blank(v, "date", RawVolume.DATE, false, out);
        blank(v, "sender (from)", RawVolume.FROM, true, out);
        blank(v, "recipient (to)", RawVolume.TO, true, out);
    }

    /**
     * One finding per field left blank on any row, with the rate: over every row, or for sender and
     * recipient over the e-mails only. A field the load file does not have at all is not checked (the
     * parties agree on the fields; a missing column is not a blank one).
     */
    private static void blank(Volume v, String what, List<String> names, boolean mailOnly, Findings out) {
        List<Item> considered = new ArrayList<>();
        List<Item> blank = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (Item i : v.rows) {
            List<String> cols = i.volume().columns(names);
            if (cols.isEmpty()) continue;
            if (mailOnly && !isMail(i)) continue;
            for (String c : cols) if (!columns.contains(c)) columns.add(c);
            considered.add(i);
            if (i.row().value(cols) == null) blank.add(i);
        }
        if (blank.isEmpty()) return;
        double rate = 100.0 * blank.size() / considered.size();
        List<String> labels = blank.stream().map(i -> i.row().begin() == null ? i.where() : i.row().begin()).toList();
        out.add(QcKind.BLANK_FIELD, blank.get(0).row().begin(), blank.get(blank.size() - 1).row().end(),
                "The " + what + " (" + String.join(", ", columns) + ") is blank for " + blank.size() + " of " + considered.size()
                        + (mailOnly ? " e-mails" : " documents") + " (" + String.format(Locale.ROOT, "%.1f", rate) + "%): " + listed(labels) + ".");
    }

    private static boolean isMail(Item i) {
        String ext = i.row().value(RawVolume.FILE_EXTENSION);
        if (ext == null && i.row().nativeRef() != null) {
            String n = i.row().nativeRef();
            ext = n.lastIndexOf('.') < 0 ? null : n.substring(n.lastIndexOf('.') + 1);
        }
        if (ext != null && MAIL_EXTENSIONS.contains(ext.strip().replaceFirst("^\\.", "").toLowerCase(Locale.ROOT))) return true;
        return i.row().value(RawVolume.FROM) != null || i.row().value(RawVolume.TO) != null
                || i.row().value(SUBJECT) != null || i.row().value(CC) != null;
    }

    // ------------------------------------------------------------------ families

    private static void familyChecks(Volume v, List<QcRepository.Range> others, Findings out) {
        ProducedBates produced = new ProducedBates(v, others);
        for (Item i : v.rows) {
            RawVolume.Row r = i.row();
            List<String[]> refs = new ArrayList<>(); // {field label, bates}
            String ab = r.value(RawVolume.ATTACH_BEGIN), ae = r.value(RawVolume.ATTACH_END);
            if (ab != null) refs.add(new String[] {"family range " + range(ab, ae == null ? ab : ae), ab});
            if (ae != null && !ae.equalsIgnoreCase(ab == null ? "" : ab)) refs.add(new String[] {"family range " + range(ab == null ? ae : ab, ae), ae});
            String rng = r.value(RawVolume.ATTACH_RANGE);
            if (rng != null) {
                String[] ends = rng.split("\\s*[-\u2013\u2014]\\s*|\\s+to\\s+", 2);
                for (String e : ends) if (!e.isBlank()) refs.add(new String[] {"family range " + rng, e.strip()});
            }
            String parent = r.value(RawVolume.PARENT);
            if (parent != null) refs.add(new String[] {"parent", parent});
            String kids = r.value(RawVolume.ATTACHMENTS);
            if (kids != null) for (String k : kids.split("[;,\\s]+")) if (!k.isBlank()) refs.add(new String[] {"attachment", k.strip()});
            List<String> reported = new ArrayList<>();
            for (String[] ref : refs) {
                String bates = ref[1];
                if (BatesNumber.parse(bates).isEmpty() || reported.contains(key(bates))) continue;
                if (produced.holds(bates)) continue;
                reported.add(key(bates));
                out.add(QcKind.BROKEN_FAMILY, r.begin(), r.end(), "The " + ref[0] + " of " + i.label() + " points at " + bates
                        + ", which no production of the matter holds.");
            }
        }
    }

    /** Every Bates number produced: this volume's rows and OPT pages, and the other productions' ranges. */
    private static final class ProducedBates {
        private final Map<String, List<long[]>> ranges = new HashMap<>();
        private final java.util.Set<String> pages = new java.util.HashSet<>();

        ProducedBates(Volume v, List<QcRepository.Range> others) {
            for (Item i : v.rows) {
                if (i.rangePages() > 0) add(i.b(), i.e());
                else if (i.row().begin() != null) pages.add(key(i.row().begin()));
            }
            for (RawVolume.OptPage p : v.opt) pages.add(key(p.bates()));
            for (QcRepository.Range r : others) {
                BatesNumber b = BatesNumber.parse(r.begin()).orElse(null), e = BatesNumber.parse(r.end() == null ? r.begin() : r.end()).orElse(null);
                if (b != null && e != null && sameSeries(b, e)) add(b, e);
                else pages.add(key(r.begin()));
            }
        }

        private void add(BatesNumber b, BatesNumber e) {
            ranges.computeIfAbsent(series(b), k -> new ArrayList<>()).add(new long[] {b.number(), e.number()});
        }

        /** Per series, the ranges merged and sorted by start, for a binary search per number asked. */
        private Map<String, long[][]> merged;

        boolean holds(String bates) {
            if (pages.contains(key(bates))) return true;
            BatesNumber n = BatesNumber.parse(bates).orElse(null);
            if (n == null) return false;
            if (merged == null) merged = merge();
            long[][] rs = merged.get(series(n));
            if (rs == null) return false;
            int lo = 0, hi = rs.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (rs[mid][1] < n.number()) lo = mid + 1;
                else if (rs[mid][0] > n.number()) hi = mid - 1;
                else return true;
            }
            return false;
        }

        private Map<String, long[][]> merge() {
            Map<String, long[][]> out = new HashMap<>();
            ranges.forEach((series, list) -> {
                list.sort(Comparator.comparingLong(r -> r[0]));
                List<long[]> m = new ArrayList<>();
                for (long[] r : list) {
                    if (!m.isEmpty() && r[0] <= m.get(m.size() - 1)[1] + 1) m.get(m.size() - 1)[1] = Math.max(m.get(m.size() - 1)[1], r[1]);
                    else m.add(new long[] {r[0], r[1]});
                }
                out.put(series, m.toArray(long[][]::new));
            });
            return out;
        }
    }

    // ------------------------------------------------------------------ text: none, slip sheets

    private void textChecks(List<Produced> items, Map<String, Item> rows, Findings out) {
        for (Produced p : items) {
            if (p.fields().containsKey(Fields.FAILURE)) continue; // its files are missing: reported as missing_file
            String label = p.batesBegin() != null ? range(p.batesBegin(), p.batesEnd()) : p.fileName();
            String name = p.fields().getOrDefault(Fields.ORIGINAL_NAME, p.fileName());
            switch (p.status()) {
                case "needs_ocr" -> {
                    out.add(QcKind.NO_TEXT, p.batesBegin(), p.batesEnd(), label + " (" + name + ") has no text layer and no text file; it needs OCR.");
                    continue;
                }
                case "failed", "password_required" -> {
                    out.add(QcKind.NO_TEXT, p.batesBegin(), p.batesEnd(), label + " (" + name + ") could not be read: "
                            + (p.error() == null ? "no reason was recorded." : p.error()));
                    continue;
                }
                default -> { }
            }
            if (!"completed".equals(p.status())) continue;
            String text = p.textChars() > SLIP_SHEET_MAX_CHARS ? null : repo.text(p.documentId(), SLIP_SHEET_MAX_CHARS + 1);
            if (p.textChars() == 0 || (text != null && text.isBlank())) {
                out.add(QcKind.NO_TEXT, p.batesBegin(), p.batesEnd(), label + " (" + name + ") has no searchable text.");
                continue;
            }
            if (text == null) continue;
            Matcher m = SLIP.matcher(text);
            if (!m.find()) continue;
            String said = lineAround(text, m.start());
            StringBuilder detail = new StringBuilder(label + " is a slip sheet, not the document: \u201c" + said + "\u201d");
            Item row = p.batesBegin() == null ? null : rows.get(key(p.batesBegin()));
            if (m.group(1).toLowerCase(Locale.ROOT).contains("nativ") && row != null) {
                if (row.row().nativeRef() == null) detail.append("; the load file lists no native for it");
                else if (row.row().nativeFile().isEmpty()) detail.append("; its native ").append(row.row().nativeRef()).append(" is not in the volume");
            }
            out.add(QcKind.SLIP_SHEET, p.batesBegin(), p.batesEnd(), detail.append('.').toString());
        }
    }

    private static String lineAround(String text, int at) {
        int from = Math.max(Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\f', at)) + 1, at - 100);
        int to = text.length();
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\f') {
                to = i;
                break;
            }
        }
        to = Math.min(to, at + 140);
        return text.substring(from, to).strip().replaceAll("\\s+", " ");
    }

    // ------------------------------------------------------------------ helpers

    private static final class Findings {
        private final List<QcFinding> list = new ArrayList<>();

        void add(QcKind kind, String begin, String end, String detail) {
            list.add(new QcFinding(kind, begin, end, detail));
        }

        List<QcFinding> sorted() {
            List<QcFinding> out = new ArrayList<>(list);
            out.sort(Comparator.comparing(QcFinding::kind).thenComparing(f -> f.batesBegin() == null ? "\uffff" : series(f.batesBegin()))
                    .thenComparingLong(f -> BatesNumber.parse(f.batesBegin()).map(BatesNumber::number).orElse(Long.MAX_VALUE)));
            return out;
        }
    }

    static String key(String bates) {
        return bates == null ? "" : bates.strip().toUpperCase(Locale.ROOT);
    }

    private static String series(BatesNumber n) {
        return n.prefix() + "/" + n.width();
    }

    private static String series(String bates) {
        return BatesNumber.parse(bates).map(ProductionQc::series).orElse(key(bates));
    }

    private static boolean sameSeries(BatesNumber a, BatesNumber b) {
        return a.prefix().equals(b.prefix()) && a.width() == b.width();
    }

    /** A number of the series of {@code like}, written as the producer writes it (prefix as given, zero-padded). */
    private static String format(Span like, long number) {
        BatesNumber b = BatesNumber.parse(like.begin()).orElseThrow();
        String prefix = like.begin().strip().substring(0, like.begin().strip().length() - b.width());
        return prefix + String.format("%0" + b.width() + "d", number);
    }

    static String range(String begin, String end) {
        if (begin == null) return end == null ? "" : end;
        return end == null || end.equalsIgnoreCase(begin) ? begin : begin + "\u2013" + end;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String listed(List<String> items) {
        if (items.size() <= LISTED) return String.join(", ", items);
        return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }
}
