package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", description = "Benchmarks, printed as JSON.", subcommands = {BenchCommand.Import.class, BenchCommand.Embed.class, BenchCommand.Vectors.class,
        BenchCommand.Grow.class, BenchCommand.Search.class, BenchCommand.Ask.class, BenchCommand.Grid.class, EncryptionBench.class, BenchCommand.Ocr.class})
final class BenchCommand {

    @Command(name = "ocr", description = {
            "Time OCR of the pages of PDFs: rendered once (300 dpi unless --dpi), then read on each thread count.",
            "Reports pages/s by wall clock after a warm-up page per thread; with --reference (the same document with a "
                    + "text layer), word accuracy per page; with --own-text-layer, PDFs that have text are rendered, OCRed "
                    + "and scored against their own text layer, page by page."})
    static final class Ocr implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PDF", description = "PDFs, or folders of PDFs (searched below, taken in path order).")
        List<Path> pdfs;
        @Option(names = "--threads", split = ",", paramLabel = "N", description = "Thread counts to run (default: 1,2).")
        List<Integer> threads = List.of(1, 2);
        @Option(names = "--reference", paramLabel = "PDF", description = "The same document with a text layer, page for page.")
        Path reference;
        @Option(names = "--own-text-layer", description = "Score each page's OCR against that page's own text layer.")
        boolean ownTextLayer;
        @Option(names = "--dpi", paramLabel = "N", description = "Resolution the pages are rendered at (default: 300).")
        int dpi = 300;
        @Option(names = "--page", paramLabel = "N", description = "Read only page N of each PDF (default: every page).")
        Integer page;
        @Option(names = "--max-files", paramLabel = "N", description = "Take only the first N PDFs, in path order.")
        Integer maxFiles;
        @Option(names = "--repeat", paramLabel = "N", description = "Read every page N times per thread count (default: 2).")
        int repeat = 2;
        @Option(names = "--languages", paramLabel = "LANGS", description = "Tesseract languages (default: eng).")
        String languages = "eng";

        @Override
        public Integer call() throws IOException {
            picocli.CommandLine cl = new picocli.CommandLine(this);
            if (repeat < 1 || threads.stream().anyMatch(t -> t < 1)) {
                throw new picocli.CommandLine.ParameterException(cl, "--repeat and --threads take numbers of 1 or more.");
            }
            if (dpi < 50 || dpi > 1200) throw new picocli.CommandLine.ParameterException(cl, "--dpi takes a number from 50 to 1200.");
            if (page != null && page < 1) {
                throw new picocli.CommandLine.ParameterException(cl, "--page takes a page number of 1 or more.");
            }
            if (maxFiles != null && maxFiles < 1) throw new picocli.CommandLine.ParameterException(cl, "--max-files takes a number of 1 or more.");
            if (reference != null && ownTextLayer) {
                throw new picocli.CommandLine.ParameterException(cl, "--reference and --own-text-layer cannot be used together.");
            }
            List<Path> files = pdfFiles(pdfs);
            if (maxFiles != null && files.size() > maxFiles) files = files.subList(0, maxFiles);
            if (files.isEmpty()) throw new picocli.CommandLine.ParameterException(cl, "The folders hold no PDFs.");
            var o = new dev.quarry.documents.ocr.OcrBench.Options(threads, reference, ownTextLayer, repeat, languages, dpi, page == null ? 0 : page);
            System.out.println(dev.quarry.core.Json.write(dev.quarry.documents.ocr.OcrBench.run(files, o)));
            return 0;
        }

        /** Files as given; a folder becomes its PDFs (any depth, name ending .pdf in any case), sorted by path. */
        static List<Path> pdfFiles(List<Path> args) throws IOException {
            List<Path> out = new ArrayList<>();
            for (Path a : args) {
                if (!Files.isDirectory(a)) {
                    out.add(a);
                    continue;
                }
                try (Stream<Path> s = Files.walk(a)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf"))
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(out::add);
                }
            }
            return out;
        }
    }

    @Command(name = "import", description = {
            "Time an import of PATHs into a fresh temporary matter.",
            "Reports pages/s and MB/s for parse + chunk + store, peak heap, and database size per 1,000 pages."})
    static final class Import implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "Files or folders to import.") List<Path> paths;
        @Option(names = "--keep", description = "Keep the temporary matter in this folder instead of deleting it.") Path keep;
        @Option(names = "--baseline", description = "First extract the PDFs' text with plain PDFBox (nothing stored) "
                + "and report the import's speed as a ratio of it.") boolean baseline;

        @Override
        public Integer call() throws IOException {
            Path dir = keep != null ? keep : Files.createTempDirectory("quarry-bench-");
            if (keep == null) Files.delete(dir);
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
            long inputBytes = 0;
            for (Path p : paths) inputBytes += size(p);
            Map<String, Object> out = new LinkedHashMap<>();
            if (baseline) out.put("baseline", baseline(paths));
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            try (MatterSession s = new MatterSession(Matter.create(dir, "bench", null, null))) {
                long tOpen = System.nanoTime();
                long jobId = s.imports().plan(paths, "bench");
                ImportService.Report r = s.imports().run(jobId, new ImportCommand.StderrProgress(), new CancelToken());
                double secs = r.elapsed().toNanos() / 1e9;
                System.err.println();
                out.put("paths", paths.stream().map(Path::toString).toList());
                out.put("files", r.items());
                out.put("documents_read", r.done());
                out.put("failed", r.failed());
                out.put("pages", r.pages());
                out.put("input_mb", round(inputBytes / 1e6));
                out.put("seconds", round(secs));
                out.put("pages_per_second", round(r.pages() / secs));
                out.put("mb_per_second", round(inputBytes / 1e6 / secs));
                out.put("startup_seconds", round((tOpen - t0) / 1e9));
                double cpu = (cpuNanos() - cpu0) / 1e9;
                out.put("cpu_seconds", round(cpu));
                out.put("pages_per_cpu_second", round(r.pages() / cpu));
                if (baseline) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> b = (Map<String, Object>) out.get("baseline");
                    out.put("ratio_to_baseline_pages_per_second", round(r.pages() / secs / (double) b.get("pages_per_second")));
                    out.put("ratio_to_baseline_pages_per_cpu_second",
                            round(r.pages() / cpu / (double) b.get("pages_per_cpu_second")));
                }
                out.put("threads", MatterSession.importThreads());
                out.put("status", s.documents().countByStatus().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().db(), Map.Entry::getValue)));
            }
            long heapPeak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) heapPeak += pool.getPeakUsage().getUsed();
            }
            long dbBytes = size(dir.resolve("quarry.mv.db"));
            long pages = (long) out.get("pages");
            out.put("peak_heap_mb", round(heapPeak / 1e6));
            out.put("max_heap_mb", round(Runtime.getRuntime().maxMemory() / 1e6));
            out.put("db_mb", round(dbBytes / 1e6));
            out.put("db_mb_per_1000_pages", pages == 0 ? null : round(dbBytes / 1e6 / pages * 1000));
            out.put("stored_files_mb", round(size(dir.resolve("files")) / 1e6));
            out.put("cores", Runtime.getRuntime().availableProcessors());
            out.put("java", System.getProperty("java.version"));
            System.out.println(Json.write(out));
            if (keep == null) deleteTree(dir);
            return 0;
        }
    }

    /** Plain PDFBox text extraction over the same PDFs, one thread per core, nothing stored. */
    static Map<String, Object> baseline(List<Path> paths) throws IOException {
        List<java.io.File> pdfs = new ArrayList<>();
        for (Path p : paths) {
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(f -> f.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")).forEach(f -> pdfs.add(f.toFile()));
            }
        }
        long cpu0 = cpuNanos(), t0 = System.nanoTime();
        int threads = dev.quarry.app.MatterSession.importThreads();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        long pages;
        try {
            pages = pool.submit(() -> pdfs.parallelStream()
                    .mapToLong(dev.quarry.documents.importers.PdfBaseline::extract).sum()).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException("The baseline run failed", e);
        } finally {
            pool.shutdown();
        }
        double secs = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - cpu0) / 1e9;
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("what", "PDFBox PDFTextStripper per page, " + threads + " threads, nothing stored");
        b.put("pdfs", pdfs.size());
        b.put("pages", pages);
        b.put("seconds", round(secs));
        b.put("pages_per_second", round(pages / secs));
        b.put("cpu_seconds", round(cpu));
        b.put("pages_per_cpu_second", round(pages / cpu));
        return b;
    }

    /** CPU time of this process (all threads), so figures can be read apart from other load on the machine. */
    static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return 0;
    }

    @Command(name = "embed", description = {
            "Measure embedding throughput: Quarry's pipeline against a bare ONNX Runtime session.",
            "Both embed the same chunks (the first --limit chunks of matter DIR), in alternating rounds in one process."})
    static final class Embed implements Callable<Integer> {
        @Parameters(index = "0", description = "A matter folder whose chunks are the texts.") Path dir;
        @Option(names = "--limit", defaultValue = "64", description = "How many chunks (default: ${DEFAULT-VALUE}).") int limit;
        @Option(names = "--rounds", defaultValue = "2", description = "Rounds of each (default: ${DEFAULT-VALUE}).") int rounds;
        @Option(names = "--threads", description = "Intra-op threads (default: all cores).") Integer threads;
        @Option(names = "--model", description = "Model id (default: the matter's).") String model;

        @Override
        public Integer call() {
            try (Matter m = Matter.open(dir, null)) {
                List<String> texts = new ArrayList<>();
                for (var d : new dev.quarry.documents.DocumentRepository(m.db()).listAll()) {
                    for (var c : new dev.quarry.documents.DocumentRepository(m.db()).chunks(d.id())) {
                        if (texts.size() < limit) texts.add(c.text());
                    }
                }
                var manifest = dev.quarry.retrieval.ModelManifest.load(
                        model != null ? model : m.settings().get(dev.quarry.core.Settings.EMBEDDING_MODEL));
                Map<String, Object> out = new LinkedHashMap<>(dev.quarry.retrieval.bench.EmbeddingBench.run(manifest, texts,
                        threads != null ? threads : dev.quarry.retrieval.Embedder.defaultThreads(), rounds));
                out.put("cores", Runtime.getRuntime().availableProcessors());
                out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.println(Json.write(out));
            }
            return 0;
        }
    }

    @Command(name = "vectors", description = {
            "Measure the HNSW vector index on synthetic clustered vectors.",
            "Reports build rate, heap per item (and extrapolated to 1,000,000), save/load, recall@10 against exact "
                    + "search, and search latency."})
    static final class Vectors implements Callable<Integer> {
        @Option(names = "--items", defaultValue = "50000", description = "Vectors in the index (default: ${DEFAULT-VALUE}).") int items;
        @Option(names = "--queries", defaultValue = "200", description = "Timed queries (default: ${DEFAULT-VALUE}).") int queries;
        @Option(names = "--ef", defaultValue = "100", description = "The search's ef (default: ${DEFAULT-VALUE}).") int ef;
        @Option(names = "--threads", defaultValue = "2", description = "Build threads (default: ${DEFAULT-VALUE}).") int threads;

        @Override
        public Integer call() throws IOException {
            Path tmp = Files.createTempDirectory("quarry-bench-vectors-");
            try {
                Map<String, Object> out = new LinkedHashMap<>(dev.quarry.retrieval.VectorIndexBench.run(items, queries, ef, threads, tmp));
                out.put("max_heap_mb", round(Runtime.getRuntime().maxMemory() / 1e6));
                out.put("cores", Runtime.getRuntime().availableProcessors());
                out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.println(Json.write(out));
            } finally {
                deleteTree(tmp);
            }
            return 0;
        }
    }

    @Command(name = "grow", description = {
            "Copy matter SOURCE to TARGET and grow the copy to --chunks chunks, for benchmarks.",
            "The copy repeats SOURCE's documents, each copied chunk with its vector plus noise; then both indexes are "
                    + "built from scratch and the build, save and heap figures reported. SOURCE must be fully "
                    + "searchable. The copy is for benchmarks only."})
    static final class Grow implements Callable<Integer> {
        @Parameters(index = "0", description = "A searchable matter to copy (left untouched).") Path source;
        @Parameters(index = "1", description = "A new folder for the grown copy.") Path target;
        @Option(names = "--chunks", required = true, description = "How many chunks the copy should hold.") long chunks;
        @Option(names = "--password-env", paramLabel = "VAR", description = "The variable holding SOURCE's password, if it has one.") String passwordEnv;
        @Option(names = "--noise", defaultValue = "0.5", description = "Noise added to copied vectors, relative to their unit length "
                + "(default: ${DEFAULT-VALUE}, a cosine of about 0.89 to the original).") double noise;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(target)) throw new dev.quarry.core.QuarryException(target + " already exists; give a new folder.");
            if (!Matter.isMatter(source)) throw new dev.quarry.core.QuarryException(source + " is not a Quarry matter.");
            Map<String, Object> out = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            copyTree(source, target, false);
            out.put("copy_seconds", round((System.nanoTime() - t0) / 1e9));
            try (Matter m = Passwords.open(target, passwordEnv)) {
                String modelId = m.settings().get(dev.quarry.core.Settings.EMBEDDING_MODEL);
                var grown = dev.quarry.retrieval.bench.ScaleBench.grow(m, modelId, chunks, noise, System.err::println);
                out.put("grow", grown.toMap());
                var model = dev.quarry.retrieval.ModelManifest.load(modelId);
                long c0 = cpuNanos();
                t0 = System.nanoTime();
                // Opening search builds the missing keyword index from the database (and loads the model, ~1 s).
                try (var r = new dev.quarry.retrieval.Retrieval(m, model)) {
                    out.put("keyword_index_build_seconds", round((System.nanoTime() - t0) / 1e9));
                    out.put("keyword_index_build_cpu_seconds", round((cpuNanos() - c0) / 1e9));
                    c0 = cpuNanos();
                    t0 = System.nanoTime();
                    var v = r.vectors();
                    double build = (System.nanoTime() - t0) / 1e9;
                    out.put("vector_index_items", v.size());
                    out.put("vector_index_build_seconds", round(build));
                    out.put("vector_index_build_cpu_seconds", round((cpuNanos() - c0) / 1e9));
                    out.put("vector_index_items_per_second", round(v.size() / build));
                    t0 = System.nanoTime();
                    v.save();
                    out.put("vector_index_save_seconds", round((System.nanoTime() - t0) / 1e9));
                    out.put("heap_used_after_build_mb", round(dev.quarry.retrieval.bench.SearchBench.heapUsedMb()));
                }
            }
            out.put("database_mb", round(size(target.resolve("quarry.mv.db")) / 1e6));
            out.put("vector_index_file_mb", round(size(target.resolve("index")) / 1e6 - size(target.resolve("index").resolve("keyword")) / 1e6));
            out.put("keyword_index_mb", round(size(target.resolve("index").resolve("keyword")) / 1e6));
            out.put("max_heap_mb", round(Runtime.getRuntime().maxMemory() / 1e6));
            out.put("cores", Runtime.getRuntime().availableProcessors());
            out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println(Json.write(out));
            return 0;
        }

        /** Copies a matter folder; without its indexes, the copy builds them from scratch when opened. */
        static void copyTree(Path from, Path to, boolean withIndexes) throws IOException {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path rel = from.relativize(p);
                    if ((!withIndexes && rel.startsWith("index")) || rel.toString().endsWith(".lock.db")) continue;
                    Path dest = to.resolve(rel.toString());
                    if (Files.isDirectory(p)) Files.createDirectories(dest);
                    else Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Command(name = "search", description = {
            "Measure search latency on matter DIR.",
            "Opens it, loads both indexes, then runs the queries of QUERIES (LegalBench-RAG JSON or one query per "
                    + "line) in each mode, end to end; reports p50/p95 per mode, open times and heap."})
    static final class Search implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "queries-dev.json (\"tests\" with \"query\") or a text file, one query per line.") Path queries;
        @Option(names = "--queries", defaultValue = "200", description = "How many queries, spread over the file (default: ${DEFAULT-VALUE}).") int count;
        @Option(names = "--warmup", defaultValue = "100", description = "Other queries run first in every mode and not counted, so that "
                + "the JIT has compiled the search path; never one of the measured queries while the file has others "
                + "(default: ${DEFAULT-VALUE}).") int warmup;
        @Option(names = "--modes", defaultValue = "hybrid,dense,keyword", split = ",",
                description = "Search modes to time, comma-separated (default: ${DEFAULT-VALUE}).") List<String> modes;
        @Option(names = "--top", defaultValue = "10", description = "Hits per query (default: ${DEFAULT-VALUE}).") int top;
        @Option(names = "--recall", defaultValue = "0", description = "Also measure dense recall@top against an exact scan "
                + "of every vector for this many queries, at ef 200 and 800 (holds all vectors in the heap: 1.5 GB per million).") int recall;
        @Option(names = "--query-field", defaultValue = "query", description = "Which field of each test is the query, for JSON "
                + "QUERIES (default: ${DEFAULT-VALUE}); repeated values count once, so --query-field category times CUAD's "
                + "41 short category names (\"Non-Compete\", \"Cap On Liability\") as a user would type them.") String queryField;
        @Option(names = "--compare-query-threads", split = ",", paramLabel = "N[,N…]", description = "Also time hybrid "
                + "search with query sessions of these thread counts, interleaved query by query, e.g. 1,2.") List<Integer> queryThreads;
        @Option(names = "--compare", split = ",", paramLabel = "NAME[,NAME…]", description = "Also time, interleaved query by "
                + "query: overlap (hybrid with BM25 beside the query embedding, against one after the other).") List<String> compare;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        record Picked(List<String> measured, List<String> warmup) {}

        /**
         * {@code count} measured queries spread over the file, and {@code warmup} others: first the ones
         * halfway between measured ones, then the rest of the file, and measured ones again only when the
         * file has no other left.
         */
        static Picked pick(List<String> all, int count, int warmup) {
            // Measured queries spread over the file; warm-up queries taken from between them, never measured.
            List<String> picked = new ArrayList<>();
            List<String> warm = new ArrayList<>();
            int step = Math.max(1, all.size() / Math.max(1, count));
            for (int i = 0; i < all.size() && picked.size() < count; i += step) {
                picked.add(all.get(i));
                if (step > 1 && warm.size() < warmup) warm.add(all.get(i + step / 2 < all.size() ? i + step / 2 : i));
            }
            if (warm.size() < warmup) {
                // More warm-up than gaps between measured queries: other queries of the file before any repeat.
                java.util.Set<String> used = new java.util.HashSet<>(picked);
                used.addAll(warm);
                List<String> rest = all.stream().filter(q -> !used.contains(q)).toList();
                int restStep = Math.max(1, rest.size() / Math.max(1, warmup - warm.size()));
                for (int i = 0; i < rest.size() && warm.size() < warmup; i += restStep) warm.add(rest.get(i));
            }
            while (warm.size() < warmup && !picked.isEmpty()) warm.add(picked.get(warm.size() % picked.size()));
            return new Picked(picked, warm);
        }

        @Override
        public Integer call() throws IOException {
            if (compare != null && !dev.quarry.retrieval.bench.SearchBench.COMPARISONS.containsAll(compare)) {
                throw new dev.quarry.core.QuarryException("--compare takes " + String.join(", ", dev.quarry.retrieval.bench.SearchBench.COMPARISONS) + ".");
            }
            if (queryThreads != null && queryThreads.stream().anyMatch(n -> n < 1 || n > 64)) {
                throw new dev.quarry.core.QuarryException("--compare-query-threads takes thread counts from 1 to 64.");
            }
            List<String> all = new ArrayList<>();
            String text = Files.readString(queries);
            if (text.stripLeading().startsWith("{")) {
                java.util.Set<String> seen = new java.util.LinkedHashSet<>();
                for (var t : Json.MAPPER.readTree(text).path("tests")) {
                    String q = t.path(queryField).asText("").strip();
                    if (!q.isEmpty()) seen.add(q);
                }
                all.addAll(seen);
            } else {
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(all::add);
            }
            if (all.isEmpty()) throw new dev.quarry.core.QuarryException(queries + " holds no queries" + (queryField.equals("query") ? "." : " in field \"" + queryField + "\"."));
            Picked p = pick(all, count, warmup);
            List<String> picked = p.measured(), warm = p.warmup();
            try (Matter m = Passwords.open(dir, passwordEnv)) {
                var model = dev.quarry.retrieval.ModelManifest.load(m.settings().get(dev.quarry.core.Settings.EMBEDDING_MODEL));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("matter", dir.toString());
                out.put("chunks", new dev.quarry.retrieval.ChunkStore(m.db()).countChunks());
                out.put("load_average_before", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                out.putAll(dev.quarry.retrieval.bench.SearchBench.run(m, model, picked, warm,
                        modes.stream().map(dev.quarry.retrieval.SearchService.Mode::of).toList(), top, recall,
                        queryThreads == null ? List.of() : queryThreads, compare == null ? List.of() : compare));
                out.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                out.put("cores", Runtime.getRuntime().availableProcessors());
                out.put("java", System.getProperty("java.version"));
                System.out.println(Json.write(out));
            }
            return 0;
        }
    }

    @Command(name = "ask", description = {
            "Measure Q&A on a copy of matter DIR against a local model server that answers at once.",
            "The copy is made in a temporary folder and deleted after. Reports the time outside the model, p50/p95 "
                    + "over --questions questions, and citation accuracy (a citation overlapping a gold span) over "
                    + "the LegalBench-RAG QUERIES file."})
    static final class Ask implements Callable<Integer> {
        @Parameters(index = "0", description = "A searchable matter holding the queries' documents (left untouched).") Path dir;
        @Parameters(index = "1", description = "LegalBench-RAG queries, e.g. ../shared/corpus/cuad/queries-dev.json.") Path queries;
        @Option(names = "--questions", defaultValue = "50", description = "Timed questions (default: ${DEFAULT-VALUE}).") int questions;
        @Option(names = "--accuracy", defaultValue = "100000", description = "Questions for citation accuracy (default: all).") int accuracy;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() throws IOException {
            if (!Matter.isMatter(dir)) throw new dev.quarry.core.QuarryException(dir + " is not a Quarry matter.");
            var tests = dev.quarry.app.QaBench.readTests(Json.MAPPER.readTree(queries.toFile()));
            if (tests.isEmpty()) throw new dev.quarry.core.QuarryException(queries + " holds no tests.");
            Path tmp = Files.createTempDirectory("quarry-bench-ask-");
            Path copy = tmp.resolve("matter");
            try {
                long t0 = System.nanoTime();
                Grow.copyTree(dir, copy, true);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("matter", dir.toString());
                out.put("copy_seconds", round((System.nanoTime() - t0) / 1e9));
                out.put("load_average_before", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                try (MatterSession s = new MatterSession(Passwords.open(copy, passwordEnv))) {
                    out.put("chunks", new dev.quarry.retrieval.ChunkStore(s.matter().db()).countChunks());
                    out.putAll(dev.quarry.app.QaBench.run(s, tests, questions, accuracy, System.err::println));
                }
                out.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                out.put("cores", Runtime.getRuntime().availableProcessors());
                System.out.println(Json.write(out));
            } finally {
                deleteTree(tmp);
            }
            return 0;
        }
    }

    @Command(name = "grid", description = {
            "Measure the evidence engine as an extraction grid on labelled CUAD contracts of matter MATTER (left untouched).",
            "Governing law, agreement date and eight yes/no provisions: accuracy zero-shot and after feedback, quotes verified, cells per second."})
    static final class Grid implements Callable<Integer> {
        @Parameters(index = "0", description = "A searchable matter holding the labelled contracts (a copy is measured).") Path dir;
        @Parameters(index = "1", description = "CUAD labels, one JSON object per line, e.g. ../shared/corpus/cuad/labels-dev.jsonl.") Path labels;
        @Option(names = "--documents", defaultValue = "0", description = "Use this many labelled contracts, spread over them (default: all in the matter).") int documents;
        @Option(names = "--feedback", defaultValue = "20", description = "Contracts whose labels are given as reviewed examples; "
                + "all figures are taken on the others (default: ${DEFAULT-VALUE}; 0 for zero-shot only).") int feedback;
        @Option(names = "--offline", description = "Offline extractor only: skip the run through the local stand-in model.") boolean offline;
        @Option(names = "--llm-documents", defaultValue = "40", description = "Contracts run through the stand-in model (default: ${DEFAULT-VALUE}).") int llmDocuments;
        @Option(names = "--json", description = "Print the full figures as JSON (otherwise a summary).") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() throws IOException {
            if (!Matter.isMatter(dir)) throw new dev.quarry.core.QuarryException(dir + " is not a Quarry matter.");
            if (!Files.isRegularFile(labels)) throw new dev.quarry.core.QuarryException(labels + " is not a file.");
            if (documents < 0 || feedback < 0 || llmDocuments < 0) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--documents, --feedback and --llm-documents must not be negative.");
            }
            Path tmp = Files.createTempDirectory("quarry-bench-grid-");
            Path copy = tmp.resolve("matter");
            try {
                long t0 = System.nanoTime();
                Grow.copyTree(dir, copy, true);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("matter", dir.toString());
                out.put("labels", labels.toString());
                out.put("copy_seconds", round((System.nanoTime() - t0) / 1e9));
                out.put("load_average_before", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                try (MatterSession s = new MatterSession(Passwords.open(copy, passwordEnv))) {
                    out.putAll(dev.quarry.app.GridBench.run(s, labels, documents, feedback, offline, llmDocuments, System.err::println));
                }
                out.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (json) System.out.println(Json.write(out));
                else System.out.print(dev.quarry.app.GridBench.summary(out));
            } finally {
                deleteTree(tmp);
            }
            return 0;
        }
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static long size(Path p) throws IOException {
        if (!Files.exists(p)) return 0;
        if (Files.isRegularFile(p)) return Files.size(p);
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
