package dev.quarry.documents;

import dev.quarry.core.BlobStore;
import dev.quarry.core.Hashing;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Settings;
import dev.quarry.core.TokenCounter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobCancelledException;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobRecord;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.chunk.ChunkSpec;
import dev.quarry.documents.chunk.Chunker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports files into a matter as a resumable job.
 *
 * <p>An import first writes its work list ({@code job_items}); workers then parse and chunk items in
 * parallel, and one writer thread stores each finished item in a single transaction: the document, its
 * pages, chunks and source, its children as new items, and the item marked done. A kill at any moment
 * therefore leaves every item either wholly stored or still pending, and resuming the job picks up the
 * pending ones: no duplicate documents, pages or chunks, and nothing half-imported shown as completed.
 */
public final class ImportService {
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    public static final String JOB_KIND = "import";

    private final Matter matter;
    private final Importers importers;
    private final TokenCounter tokens;
    private final int threads;
    private final DocumentRepository documents;
    private final ImportStore store;
    private final JobRepository jobs;
    private final OcrStore ocr;

    public ImportService(Matter matter, Importers importers, TokenCounter tokens, int threads) {
        this.matter = matter;
        this.importers = importers;
        this.tokens = tokens;
        this.threads = Math.max(1, threads);
        this.documents = new DocumentRepository(matter.db());
        this.store = new ImportStore(matter.db());
        this.jobs = new JobRepository(matter.db());
        this.ocr = new OcrStore(matter.db());
    }

    /**
     * The outcome of running a job to its end (or to cancellation). {@code done} and {@code failed} count
     * files read and not read (see {@link ImportStore#counters}); {@code summary} says what each became.
     */
    public record Report(long jobId, JobStatus status, long items, long done, long failed, long pages, Duration elapsed,
                         ImportSummary summary, OcrReport ocr) {}

    /**
     * What the job's OCR step did: pages read, pages it could not read, pages still waiting (cancelled, or OCR
     * off or unavailable: {@code problem} says why), the time it took and the pages per second.
     */
    public record OcrReport(long pagesRead, long pagesFailed, long pagesPending, Duration elapsed, String problem) {
        public static final OcrReport NONE = new OcrReport(0, 0, 0, Duration.ZERO, null);

        public double pagesPerSecond() {
            double s = elapsed.toMillis() / 1000.0;
            return s <= 0 ? 0 : (pagesRead + pagesFailed) / s;
        }
    }

    // ---------------------------------------------------------------- planning

    /**
     * Creates a production and an import job listing every file under {@code paths} (folders walked;
     * a folder holding a Concordance load file is taken as one volume). Returns the job id.
     */
    public long plan(List<Path> paths, String productionName) {
        List<ImportStore.NewItem> items = new ArrayList<>();
        boolean loadFile = false;
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) throw new QuarryException("There is no file or folder " + abs + ".");
            if (abs.startsWith(matter.dir())) throw new QuarryException("Files inside the matter folder cannot be imported into it.");
            loadFile |= enumerate(abs, items);
        }
        String name = productionName != null && !productionName.isBlank() ? productionName.strip()
                : paths.size() == 1 ? paths.get(0).toAbsolutePath().normalize().getFileName().toString()
                : paths.size() + " sources";
        long productionId = store.createProduction(name, loadFile ? "load_file" : "files",
                String.join("; ", paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("paths", paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        params.put("production", name);
        long jobId = jobs.create(JOB_KIND, Json.write(params), productionId);
        store.addItems(jobId, items);
        matter.audit().record("import.planned", "job", String.valueOf(jobId),
                Map.of("files", items.size(), "production", name));
        return jobId;
    }

    private boolean enumerate(Path root, List<ImportStore.NewItem> out) {
        if (Files.isRegularFile(root)) {
            out.add(fileItem(root, root.toString()));
            return LoadFiles.isConcordanceDat(root);
        }
        List<Path> volumeDats = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(f -> !isHidden(f)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new QuarryException("The folder " + root + " could not be read.", e);
        }
        for (Path f : files) if (LoadFiles.isConcordanceDat(f)) volumeDats.add(f);
        List<Path> volumeRoots = volumeDats.stream().map(LoadFiles::volumeRoot).toList();
        for (Path f : files) {
            boolean inVolume = volumeRoots.stream().anyMatch(f::startsWith);
            if (!inVolume || volumeDats.contains(f)) out.add(fileItem(f, f.toString()));
        }
        return !volumeDats.isEmpty();
    }

    private static boolean isHidden(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith(".") || n.equals("Thumbs.db") || n.equals("desktop.ini");
    }

    private static ImportStore.NewItem fileItem(Path f, String sourcePath) {
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            size = 0;
        }
        return new ImportStore.NewItem(sourcePath, f.toString(), null, f.getFileName().toString(), size, null, Map.of());
    }

    /** Marks an item that reads a failed document again from its stored original (import --retry). */
    static final String RETRY_OF = "quarry.retry_of";

    /**
     * Plans {@code import --retry}: every failed document is read again from the matter's copy of its original
     * (with the fields its load file gave it), and every page still needing OCR (documents imported with OCR off
     * or before Quarry had it, pages that failed) is set to be read. Returns the job, which {@link #run} runs.
     */
    public long planRetry() {
        List<Long> ocrDocs = ocr.markRetry();
        List<ImportStore.NewItem> items = new ArrayList<>();
        for (ImportStore.NewItem i : store.failedDocuments()) {
            if (matter.blobs().contains(i.blobSha256())) items.add(i);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("paths", List.of());
        params.put("retry", true);
        long jobId = jobs.create(JOB_KIND, Json.write(params), null);
        store.addItems(jobId, items);
        matter.audit().record("import.retry_planned", "job", String.valueOf(jobId),
                Map.of("failed_documents", items.size(), "documents_for_ocr", ocrDocs.size()));
        return jobId;
    }

    // ---------------------------------------------------------------- running

    /**
     * Import jobs left unfinished, oldest first: interrupted (a killed or crashed process) or cancelled
     * (Ctrl-C, the app's Cancel). Either resumes with the files still pending.
     */
    public List<Long> resumableJobs() {
        jobs.markOrphansInterrupted();
        return jobs.unfinished(JOB_KIND).stream().map(JobRecord::id).toList();
    }

    /**
     * Whether this job was planned for exactly these paths: running the same import again after a
     * cancel resumes the job instead of planning every file again (which would only add duplicates).
     */
    public boolean plannedFor(long jobId, List<Path> paths) {
        List<String> wanted = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        return wanted.equals(plannedPaths(jobId));
    }

    /** The files and folders a job was planned for (absolute), as given to {@link #plan}. */
    public List<String> plannedPaths(long jobId) {
        return jobs.find(jobId).map(j -> {
            try {
                List<String> out = new ArrayList<>();
                Json.MAPPER.readTree(j.params()).path("paths").forEach(n -> out.add(n.asText()));
                return out;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return List.<String>of();
            }
        }).orElse(List.of());
    }

    /** Runs a job until no item is pending or it is cancelled. Safe to call again on an interrupted job. */
    public Report run(long jobId, ProgressListener listener, CancelToken cancel) {
        JobRecord job = jobs.find(jobId).orElseThrow(() -> new QuarryException("There is no import job " + jobId + "."));
        jobs.markRunning(jobId);
        Run run = new Run(job, listener, cancel);
        try {
            JobStatus end;
            try {
                run.execute();
                run.ocr();
                end = cancel.isCancelled() ? JobStatus.CANCELLED : JobStatus.COMPLETED;
            } catch (JobCancelledException e) {
                // The files being read are dropped and stay pending; every stored one is whole (ADR 0003).
                end = JobStatus.CANCELLED;
            }
            jobs.finish(jobId, end, null);
            ImportSummary summary = store.summary(jobId);
            // The audit event counts what this job's files became, as the summary the user sees does.
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("files", run.total);
            details.put("pages", run.pages);
            if (run.ocrReport.pagesRead() + run.ocrReport.pagesFailed() > 0) {
                details.put("ocr_pages", run.ocrReport.pagesRead());
                details.put("ocr_pages_failed", run.ocrReport.pagesFailed());
            }
            details.putAll(summary.asDetails());
            matter.audit().record("import." + end.db(), "job", String.valueOf(jobId), details);
            if (end == JobStatus.COMPLETED) checkProduction(job.productionId());
            return run.report(end, summary);
        } catch (DiskFullException e) {
            // Nothing is lost: the item being read stays pending and the job resumes once there is space.
            jobs.finish(jobId, JobStatus.INTERRUPTED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            jobs.finish(jobId, JobStatus.FAILED, e.getMessage());
            throw e;
        } finally {
            run.shutdown();
        }
    }

    /**
     * A completed load-file import is followed by its production's quality check (ADR 0012), stored for
     * the Documents pane and deficiency review. The import is done and whole either way: a check that
     * cannot run (the volume moved meanwhile) is logged, and can be run again on demand.
     */
    private void checkProduction(Long productionId) {
        if (productionId == null) return;
        dev.quarry.documents.qc.ProductionQc qc = new dev.quarry.documents.qc.ProductionQc(matter.db());
        if (qc.productions().stream().noneMatch(p -> p.id() == productionId && "load_file".equals(p.kind()))) return;
        try {
            dev.quarry.documents.qc.QcReport r = qc.run(productionId);
            matter.audit().record("production.qc", "production", String.valueOf(productionId),
                    Map.of("findings", r.findings().size(), "documents", r.documents()));
        } catch (QuarryException e) {
            log.warn("The quality check of production {} did not run: {}", productionId, e.getMessage());
        }
    }

    /** What a worker made of one item, ready for the writer. */
    private record Outcome(ImportStore.Item item, String sha256, long size, ParsedDocument parsed,
                           List<ChunkSpec> chunks, List<ImportStore.NewItem> children, String itemError,
                           boolean duplicate) {}

    private final class Run {
        private final JobRecord job;
        private final ProgressListener listener;
        private final CancelToken cancel;
        private final Chunker chunker;
        private final long maxFileBytes;
        private final long timeoutMillis;
        private final ExecutorService pool;
        private final Instant started = Instant.now();
        private long total, done, failed, bytesTotal, bytesDone, pages;
        private final long doneAtStart, bytesAtStart, pagesAtStart;
        private volatile String current = "";
        private final boolean ocrEnabled;
        private OcrReport ocrReport = OcrReport.NONE;

        Run(JobRecord job, ProgressListener listener, CancelToken cancel) {
            this.job = job;
            this.listener = listener;
            this.cancel = cancel;
            Settings s = matter.settings();
            this.chunker = new Chunker(tokens, s.getInt(Settings.CHUNK_MAX_TOKENS), s.getInt(Settings.CHUNK_OVERLAP_TOKENS));
            this.maxFileBytes = s.getInt(Settings.IMPORT_MAX_FILE_MB) * 1024L * 1024L;
            this.timeoutMillis = s.getInt(Settings.IMPORT_TIMEOUT_SECONDS) * 1000L;
            this.ocrEnabled = Boolean.parseBoolean(s.get(Settings.OCR_ENABLED));
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "import-" + job.id() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            long[] c = store.counters(job.id());
            total = c[0];
            done = c[1];
            failed = c[2];
            bytesTotal = c[3];
            bytesDone = c[4];
            pages = store.pagesImported(job.id());
            doneAtStart = done + failed;
            bytesAtStart = bytesDone;
            pagesAtStart = pages;
        }

        private record InFlight(Future<Outcome> future, ImportStore.Item item, long deadline) {}

        void execute() {
            Deque<ImportStore.Item> queue = new ArrayDeque<>();
            List<InFlight> inFlight = new ArrayList<>();
            LinkedBlockingQueue<Future<Outcome>> finished = new LinkedBlockingQueue<>();
            long lastQueued = 0;
            emit("importing");
            while (true) {
                if (queue.isEmpty() && !cancel.isCancelled()) {
                    List<ImportStore.Item> next = store.pending(job.id(), lastQueued, 256);
                    queue.addAll(next);
                    if (!next.isEmpty()) lastQueued = next.get(next.size() - 1).id();
                }
                while (!cancel.isCancelled() && inFlight.size() < threads && !queue.isEmpty()) {
                    ImportStore.Item item = queue.poll();
                    java.util.concurrent.FutureTask<Outcome> task = new java.util.concurrent.FutureTask<>(() -> process(item)) {
                        @Override
                        protected void done() {
                            finished.add(this);
                        }
                    };
                    pool.execute(task);
                    inFlight.add(new InFlight(task, item, System.currentTimeMillis() + timeoutMillis));
                }
                if (inFlight.isEmpty()) {
                    if (cancel.isCancelled() || store.pending(job.id(), lastQueued, 1).isEmpty()) break;
                    continue;
                }
                Future<Outcome> f;
                try {
                    f = finished.poll(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.cancel();
                    continue;
                }
                if (f != null) {
                    InFlight fl = inFlight.stream().filter(x -> x.future() == f).findFirst().orElse(null);
                    if (fl == null) continue; // abandoned after its deadline; already recorded as failed
                    inFlight.remove(fl);
                    write(outcomeOf(fl));
                } else {
                    long now = System.currentTimeMillis();
                    for (InFlight fl : List.copyOf(inFlight)) {
                        if (now > fl.deadline()) {
                            fl.future().cancel(true);
                            inFlight.remove(fl);
                            write(failure(fl.item(), "Reading the file took longer than "
                                    + timeoutMillis / 1000 + " seconds; it was skipped."));
                        }
                    }
                }
            }
        }

        private Outcome outcomeOf(InFlight fl) {
            try {
                return fl.future().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof JobCancelledException) throw (JobCancelledException) cause;
                if (DiskFullException.isDiskFull(cause)) throw new DiskFullException(cause);
                if (cause instanceof ContainerLimitException) {
                    log.info("Container {} refused: {}", fl.item().sourcePath(), cause.getMessage());
                    return failure(fl.item(), cause.getMessage());
                }
                log.warn("Import of {} failed", fl.item().sourcePath(), cause);
                return failure(fl.item(), "Quarry could not read the file (" + describe(cause) + ").");
            } catch (java.util.concurrent.CancellationException e) {
                return failure(fl.item(), "The import was cancelled while reading this file.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException();
            }
        }

        private Outcome failure(ImportStore.Item item, String reason) {
            String sha = item.blobSha256();
            long size = item.sizeBytes();
            if (sha == null && item.filePath() != null) {
                try {
                    sha = Hashing.sha256(Path.of(item.filePath()));
                } catch (IOException e) {
                    return new Outcome(item, null, size, null, List.of(), List.of(), reason, false);
                }
            }
            return new Outcome(item, sha, size, ParsedDocument.failed(null, reason), List.of(), List.of(), null, false);
        }

        /** Worker side: store the bytes, parse, chunk. Touches the database only to read. */
        private Outcome process(ImportStore.Item item) throws IOException {
            current = item.fileName();
            cancel.throwIfCancelled();
            String sha;
            long size;
            if (item.blobSha256() != null) {
                sha = item.blobSha256();
                if (!matter.blobs().contains(sha)) {
                    return new Outcome(item, null, item.sizeBytes(), null, List.of(), List.of(),
                            "The stored copy of this file is missing from the matter folder.", false);
                }
                size = matter.blobs().size(sha);
            } else {
                Path original = Path.of(item.filePath());
                if (!Files.isRegularFile(original)) {
                    return new Outcome(item, null, item.sizeBytes(), null, List.of(), List.of(),
                            "The file " + original + " is no longer there.", false);
                }
                size = Files.size(original);
                if (size > maxFileBytes) {
                    return new Outcome(item, Hashing.sha256(original), size, tooLarge(size), List.of(), List.of(), null, false);
                }
                sha = matter.blobs().put(original);
            }
            if (!item.fields().containsKey(RETRY_OF) && documents.findIdBySha(sha).isPresent()) {
                return new Outcome(item, sha, size, null, List.of(), List.of(), null, true);
            }
            String failure = item.fields().get(Fields.FAILURE);
            if (failure != null) {
                return new Outcome(item, sha, size, ParsedDocument.failed(null, failure), List.of(), List.of(), null, false);
            }
            if (size > maxFileBytes) {
                return new Outcome(item, sha, size, tooLarge(size), List.of(), List.of(), null, false);
            }
            // Parsing reads the matter's own copy; an encrypted matter's is decrypted into memory for it.
            try (BlobStore.Opened copy = matter.blobs().open(sha)) {
                return parse(item, sha, size, copy.path());
            }
        }

        /** Parses and chunks the stored copy of an item, readable at {@code file}. */
        private Outcome parse(ImportStore.Item item, String sha, long size, Path file) throws IOException {
            Source source = new Source(file, item.fileName(), item.sourcePath(), size, item.fields());
            Optional<Importer> importer = importers.find(source);
            String producedText = item.fields().get(Fields.TEXT_FILE);
            if (importer.isEmpty() && producedText == null) {
                String ext = source.extension();
                return new Outcome(item, sha, size, ParsedDocument.failed(null, size == 0 ? "The file is empty." : ext.isEmpty()
                        ? "Quarry does not recognise this file's format."
                        : "Quarry does not read ." + ext + " files."), List.of(), List.of(), null, false);
            }
            int depth = (int) item.sourcePath().chars().filter(ch -> ch == '!').count();
            BufferingSink sink = new BufferingSink(item, depth);
            ImportContext ctx = new ImportContext(sink, cancel, maxFileBytes, maxFileBytes * 4, depth);
            ParsedDocument parsed;
            try {
                parsed = importer.isPresent() ? importer.get().parse(source, ctx)
                        : ParsedDocument.failed(null, "Quarry does not read ." + source.extension() + " files.");
            } catch (IOException | RuntimeException e) {
                if (producedText == null || e instanceof JobCancelledException || e instanceof ContainerLimitException) throw e;
                log.warn("Import of {} failed; using the production's text file", item.sourcePath(), e);
                parsed = ParsedDocument.failed(null, "Quarry could not read the file (" + describe(e) + ").");
            }
            if (producedText != null) parsed = withProducedText(parsed, Path.of(producedText), maxFileBytes);
            parsed = withPageBates(parsed, item.fields());
            List<ChunkSpec> chunks = new ArrayList<>();
            if (parsed.status() == DocumentStatus.COMPLETED || parsed.status() == DocumentStatus.NEEDS_OCR) {
                for (ParsedPage p : parsed.pages()) {
                    cancel.throwIfCancelled();
                    // A scan's stamp (its only text until OCR reads the page) is not chunked: OCR's text replaces it.
                    if (!p.text().isBlank() && !p.imageOnly()) chunks.addAll(chunker.chunk(p.number(), p.text()));
                }
            }
            if (!parsed.container() && parsed.status() == DocumentStatus.COMPLETED && chunks.isEmpty()) {
                parsed = parsed.withStatus(DocumentStatus.FAILED, "The file has no text.");
            }
            return new Outcome(item, sha, size, parsed, chunks, sink.items, null, false);
        }

        private ParsedDocument tooLarge(long size) {
            return ParsedDocument.failed(null, "The file is " + mb(size) + ", over the matter's limit of " + mb(maxFileBytes) + ".");
        }

        /** Writer side: one transaction per item. */
        private void write(Outcome o) {
            ImportStore.Item item = o.item();
            long jobId = job.id();
            Long productionId = job.productionId();
            int[] pageCount = {0};
            boolean[] notRead = {false};
            matter.db().inTransaction(c -> {
                if (o.itemError() != null) {
                    store.finishItem(c, item.id(), "failed", null, o.itemError(), false);
                    return null;
                }
                Map<String, String> f = item.fields();
                if (f.containsKey(RETRY_OF)) {
                    pageCount[0] = replace(c, Long.parseLong(f.get(RETRY_OF)), o);
                    notRead[0] = o.parsed().status() != DocumentStatus.COMPLETED;
                    return null;
                }
                Optional<Long> existing = DocumentRepository.EMPTY_SHA256.equals(o.sha256())
                        ? documents.findEmptyBySource(c, clipped(item.sourcePath()))
                        : documents.findIdBySha(c, o.sha256());
                if (existing.isPresent()) {
                    documents.insertSource(c, existing.get(), jobId, productionId, item.sourcePath(),
                            item.parentDocumentId(), f.get(Fields.BATES_BEGIN), f.get(Fields.BATES_END),
                            f.get(Fields.CUSTODIAN), f);
                    store.finishItem(c, item.id(), "done", existing.get(), null, true);
                    return null;
                }
                ParsedDocument p = o.parsed();
                if (p.container()) {
                    store.addItems(c, jobId, o.children());
                    store.finishItem(c, item.id(), "done", null, null, false);
                    return null;
                }
                List<ParsedPage> pages = p.pages();
                String batesBegin = first(f.get(Fields.BATES_BEGIN), pages.isEmpty() ? null : pages.get(0).bates());
                String batesEnd = first(f.get(Fields.BATES_END), pages.isEmpty() ? null : pages.get(pages.size() - 1).bates());
                long textChars = pages.stream().mapToLong(pg -> pg.text().length()).sum();
                Map<String, String> metadata = new LinkedHashMap<>(p.metadata());
                f.forEach((k, v) -> { if (!k.startsWith("quarry.")) metadata.put(k, v); });
                String fileName = first(f.get(Fields.DISPLAY_NAME), item.fileName());
                long docId = documents.insert(c, new DocumentRepository.NewDocument(o.sha256(), fileName,
                        p.mediaType(), o.size(), productionId, item.parentDocumentId(), p.status(), p.reason(),
                        pages.size(), o.chunks().size(), textChars, LanguageGuess.guess(pages), p.status() == DocumentStatus.NEEDS_OCR
                        || pages.stream().anyMatch(ParsedPage::imageOnly), batesBegin, batesEnd,
                        f.get(Fields.CUSTODIAN), p.title(), p.author(), first(p.date(), parseDate(f.get(Fields.DATE))), metadata,
                        f.get(Fields.ORIGINAL_NAME)));
                long[] starts = documents.insertPages(c, docId, pages);
                documents.insertChunks(c, docId, o.chunks(), pages, starts);
                // Scanned pages wait for the OCR step of this job, each stored on its own (resumable per page).
                if (ocrEnabled && (p.status() == DocumentStatus.NEEDS_OCR || p.status() == DocumentStatus.COMPLETED)
                        && pages.stream().anyMatch(ParsedPage::imageOnly)) {
                    ocr.markPending(c, docId);
                }
                documents.insertSource(c, docId, jobId, productionId, item.sourcePath(), item.parentDocumentId(),
                        batesBegin, batesEnd, f.get(Fields.CUSTODIAN), f);
                List<ImportStore.NewItem> children = o.children().stream()
                        .map(ch -> new ImportStore.NewItem(ch.sourcePath(), ch.filePath(), ch.blobSha256(), ch.fileName(),
                                ch.sizeBytes(), docId, ch.fields())).toList();
                store.addItems(c, jobId, children);
                store.finishItem(c, item.id(), "done", docId, null, false);
                pageCount[0] = pages.size();
                notRead[0] = p.status() != DocumentStatus.COMPLETED;
                return null;
            });
            // Counters follow the committed state: "failed" is a file not read, as ImportStore.counters counts it.
            if (o.itemError() != null || notRead[0]) failed++; else done++;
            bytesDone += item.sizeBytes();
            pages += pageCount[0];
            total += o.children().size();
            for (ImportStore.NewItem ch : o.children()) bytesTotal += ch.sizeBytes();
            matter.db().withConnection(c -> {
                jobs.saveCounters(c, job.id(), total, done, failed, bytesTotal, bytesDone, pages);
                return null;
            });
            emit("importing");
        }

        /**
         * A failed document read again (import --retry): its pages and chunks replaced by the new reading, in place,
         * so its id, sources, Bates numbers and custodian stay. Returns its page count.
         */
        private int replace(java.sql.Connection c, long docId, Outcome o) throws java.sql.SQLException {
            ParsedDocument p = o.parsed();
            ImportStore.Item item = o.item();
            List<ParsedPage> pages = p.container() ? List.of() : p.pages();
            long textChars = pages.stream().mapToLong(pg -> pg.text().length()).sum();
            documents.replaceContent(c, docId, p.status(), p.reason(), p.mediaType(), pages.size(), o.chunks().size(), textChars,
                    LanguageGuess.guess(pages), p.status() == DocumentStatus.NEEDS_OCR || pages.stream().anyMatch(ParsedPage::imageOnly));
            long[] starts = documents.insertPages(c, docId, pages);
            documents.insertChunks(c, docId, o.chunks(), pages, starts);
            if (ocrEnabled && (p.status() == DocumentStatus.NEEDS_OCR || p.status() == DocumentStatus.COMPLETED)
                    && pages.stream().anyMatch(ParsedPage::imageOnly)) {
                ocr.markPending(c, docId);
            }
            List<ImportStore.NewItem> children = o.children().stream()
                    .map(ch -> new ImportStore.NewItem(ch.sourcePath(), ch.filePath(), ch.blobSha256(), ch.fileName(),
                            ch.sizeBytes(), docId, ch.fields())).toList();
            store.addItems(c, job.id(), children);
            store.finishItem(c, item.id(), "done", docId, null, false);
            return pages.size();
        }

        private void emit(String phase) {
            double secs = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            double itemRate = (done + failed - doneAtStart) / secs;
            double byteRate = (bytesDone - bytesAtStart) / secs;
            double pageRate = (pages - pagesAtStart) / secs;
            Duration eta = byteRate > 0 && bytesTotal > bytesDone
                    ? Duration.ofSeconds((long) ((bytesTotal - bytesDone) / byteRate)) : null;
            listener.onProgress(new JobProgress(job.id(), JOB_KIND, JobStatus.RUNNING, phase, total, done, failed,
                    bytesTotal, bytesDone, pages, itemRate, pageRate, byteRate, eta, current));
        }

        Report report(JobStatus status, ImportSummary summary) {
            return new Report(job.id(), status, total, done, failed, pages, Duration.between(started, Instant.now()), summary, ocrReport);
        }

        // ------------------------------------------------------------ OCR

        /** A page OCR read or could not read, ready for the writer. */
        private record OcrOutcome(OcrStore.PendingPage page, OcrStore.PageResult result, String error) {}

        private record OcrInFlight(Future<OcrOutcome> future, OcrStore.PendingPage page, long deadline) {}

        /**
         * Reads every page waiting for OCR in the matter (this job's scans, and any left by a killed or earlier
         * job), a page per thread with a TessBaseAPI each, and stores each page in its own transaction as it is
         * read: text, word boxes, confidence and chunks together, so it is keyword-searchable at once and a kill
         * loses at most the pages being read (they are still pending). A page over the time limit is failed.
         */
        void ocr() {
            if (cancel.isCancelled()) return;
            long waiting = ocr.countPending();
            if (waiting == 0) return;
            if (!ocrEnabled) {
                ocrReport = new OcrReport(0, 0, waiting, Duration.ZERO, "OCR is off for this matter (ocr.enabled false).");
                return;
            }
            Settings s = matter.settings();
            dev.quarry.documents.ocr.OcrEngine engine;
            try {
                engine = dev.quarry.documents.ocr.OcrEngine.open(s.get(Settings.OCR_LANGUAGES));
            } catch (QuarryException e) {
                log.warn("OCR cannot run: {}", e.getMessage(), e);
                ocr.noteUnavailable("Needs OCR, which could not run: " + e.getMessage());
                ocrReport = new OcrReport(0, 0, waiting, Duration.ZERO, e.getMessage());
                return;
            }
            try (engine) {
                ocrPages(engine, waiting, s.getInt(Settings.OCR_PAGE_TIMEOUT_SECONDS) * 1000L,
                        Double.parseDouble(s.get(Settings.OCR_LOW_CONFIDENCE)));
            }
        }

        private void ocrPages(dev.quarry.documents.ocr.OcrEngine engine, long waiting, long pageMillis, double lowConfidence) {
            Instant ocrStarted = Instant.now();
            long[] count = {0, 0}; // read, failed
            Deque<OcrStore.PendingPage> queue = new ArrayDeque<>();
            List<OcrInFlight> inFlight = new ArrayList<>();
            LinkedBlockingQueue<Future<OcrOutcome>> finished = new LinkedBlockingQueue<>();
            long lastDoc = 0;
            int lastPage = 0;
            // Past the engine's own limit (Tesseract stops at its deadline), drawing the page may still hang.
            long hardMillis = pageMillis + Math.max(30_000, timeoutMillis);
            emitOcr(ocrStarted, waiting, count);
            try {
                while (true) {
                    if (queue.isEmpty() && !cancel.isCancelled()) {
                        List<OcrStore.PendingPage> next = ocr.pending(lastDoc, lastPage, 256);
                        queue.addAll(next);
                        if (!next.isEmpty()) {
                            lastDoc = next.get(next.size() - 1).documentId();
                            lastPage = next.get(next.size() - 1).pageNumber();
                        }
                    }
                    while (!cancel.isCancelled() && inFlight.size() < threads && !queue.isEmpty()) {
                        OcrStore.PendingPage page = queue.poll();
                        java.util.concurrent.FutureTask<OcrOutcome> task = new java.util.concurrent.FutureTask<>(
                                () -> ocrPage(engine, page, pageMillis, lowConfidence)) {
                            @Override
                            protected void done() {
                                finished.add(this);
                            }
                        };
                        pool.execute(task);
                        inFlight.add(new OcrInFlight(task, page, System.currentTimeMillis() + hardMillis));
                    }
                    if (inFlight.isEmpty()) {
                        if (cancel.isCancelled() || ocr.pending(lastDoc, lastPage, 1).isEmpty()) break;
                        continue;
                    }
                    Future<OcrOutcome> f;
                    try {
                        f = finished.poll(250, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancel.cancel();
                        continue;
                    }
                    if (f != null) {
                        OcrInFlight fl = inFlight.stream().filter(x -> x.future() == f).findFirst().orElse(null);
                        if (fl == null) continue;
                        inFlight.remove(fl);
                        OcrOutcome o;
                        try {
                            o = fl.future().get();
                        } catch (ExecutionException e) {
                            Throwable cause = e.getCause();
                            if (cause instanceof JobCancelledException) continue; // the page stays pending
                            log.warn("OCR of {} page {} failed", fl.page().fileName(), fl.page().pageNumber(), cause);
                            o = new OcrOutcome(fl.page(), null, "OCR failed (" + describe(cause) + ")");
                        } catch (java.util.concurrent.CancellationException | InterruptedException e) {
                            continue;
                        }
                        writeOcr(o, count);
                        emitOcr(ocrStarted, waiting, count);
                    } else {
                        long now = System.currentTimeMillis();
                        for (OcrInFlight fl : List.copyOf(inFlight)) {
                            if (now > fl.deadline()) {
                                fl.future().cancel(true);
                                inFlight.remove(fl);
                                writeOcr(new OcrOutcome(fl.page(), null, "reading the page took longer than "
                                        + hardMillis / 1000 + " seconds"), count);
                            }
                        }
                    }
                }
            } finally {
                ocrReport = new OcrReport(count[0], count[1], ocr.countPending(), Duration.between(ocrStarted, Instant.now()), null);
            }
        }

        /** Worker side: draw the page, read it, chunk its text. */
        private OcrOutcome ocrPage(dev.quarry.documents.ocr.OcrEngine engine, OcrStore.PendingPage page, long pageMillis,
                                   double lowConfidence) {
            cancel.throwIfCancelled();
            current = page.fileName() + " p. " + page.pageNumber();
            dev.quarry.documents.render.ScanPages.Page image;
            try (dev.quarry.documents.render.ScanPages scan = dev.quarry.documents.render.ScanPages.open(
                    page.mediaType(), matter.blobs(), page.sha256())) {
                image = scan.page(page.pageNumber());
            } catch (IOException | RuntimeException e) {
                if (e instanceof JobCancelledException) throw (JobCancelledException) e;
                log.info("Page {} of {} could not be drawn for OCR: {}", page.pageNumber(), page.fileName(), e.toString());
                return new OcrOutcome(page, null, "the page image could not be drawn ("
                        + dev.quarry.documents.render.ScanPages.describe(e) + ")");
            }
            dev.quarry.documents.ocr.OcrText t = engine.recognize(image.image(), image.dpi(), pageMillis, cancel);
            if (t.timedOut()) {
                return new OcrOutcome(page, null, "reading the page took longer than " + pageMillis / 1000 + " seconds");
            }
            List<ChunkSpec> chunks = t.text().isBlank() ? List.of() : chunker.chunk(page.pageNumber(), t.text());
            boolean low = t.confidence() != null && t.confidence() < lowConfidence;
            return new OcrOutcome(page, new OcrStore.PageResult(t.text(), t.layout(image.unitsPerPixel()), t.confidence(), low, chunks), null);
        }

        /** Writer side of OCR: one transaction per page, and the document's end state with its last page. */
        private void writeOcr(OcrOutcome o, long[] count) {
            long docId = o.page().documentId();
            int number = o.page().pageNumber();
            Optional<DocumentStatus> end = matter.db().inTransaction(c -> {
                boolean stored = o.error() == null ? ocr.storePage(c, docId, number, o.result()) : ocr.failPage(c, docId, number, o.error());
                return stored ? ocr.finishIfRead(c, docId) : Optional.<DocumentStatus>empty();
            });
            if (o.error() == null) count[0]++; else count[1]++;
            if (end.isPresent()) {
                // A document read by OCR moves from "not read" to "completed" in this job's counters.
                long[] c = store.counters(job.id());
                done = c[1];
                failed = c[2];
                matter.db().withConnection(conn -> {
                    jobs.saveCounters(conn, job.id(), total, done, failed, bytesTotal, bytesDone, pages);
                    return null;
                });
            }
        }

        private void emitOcr(Instant ocrStarted, long waiting, long[] count) {
            double secs = Math.max(0.001, Duration.between(ocrStarted, Instant.now()).toMillis() / 1000.0);
            long read = count[0] + count[1];
            double rate = read / secs;
            Duration eta = rate > 0 && waiting > read ? Duration.ofSeconds((long) ((waiting - read) / rate)) : null;
            // No bytes: the fraction done is pages read of pages waiting.
            listener.onProgress(new JobProgress(job.id(), JOB_KIND, JobStatus.RUNNING, "ocr", waiting, count[0], count[1],
                    0, 0, pages, rate, rate, 0, eta, current));
        }

        void shutdown() {
            pool.shutdownNow();
        }

        /** Collects a container's children; streamed ones go straight into the blob store. */
        private final class BufferingSink implements ChildSink {
            final List<ImportStore.NewItem> items = new ArrayList<>();
            private final ImportStore.Item parent;
            private final int depth;
            private long expanded;

            BufferingSink(ImportStore.Item parent, int depth) {
                this.parent = parent;
                this.depth = depth;
            }

            @Override
            public void add(String fileName, String sourcePath, InputStream content, Map<String, String> fields) throws IOException {
                cancel.throwIfCancelled();
                if (depth >= ImportContext.MAX_DEPTH) {
                    throw new ContainerLimitException("Containers are nested more than " + ImportContext.MAX_DEPTH + " deep.");
                }
                LimitedInputStream limited = new LimitedInputStream(content, Math.min(maxFileBytes, maxFileBytes * 4 - expanded));
                String sha = matter.blobs().put(limited);
                expanded += limited.count();
                items.add(new ImportStore.NewItem(sourcePath, null, sha, fileName, limited.count(),
                        parent.parentDocumentId(), merged(fields)));
            }

            @Override
            public String store(InputStream content) throws IOException {
                cancel.throwIfCancelled();
                return matter.blobs().put(new LimitedInputStream(content, maxFileBytes));
            }

            @Override
            public void addFile(Path file, String fileName, String sourcePath, Map<String, String> fields) {
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    size = 0;
                }
                items.add(new ImportStore.NewItem(sourcePath, file.toString(), null, fileName, size,
                        parent.parentDocumentId(), merged(fields)));
            }

            private Map<String, String> merged(Map<String, String> fields) {
                // A custodian given for a container (a load-file row for a ZIP) carries down to its contents.
                Map<String, String> m = new HashMap<>();
                String custodian = parent.fields().get(Fields.CUSTODIAN);
                if (custodian != null) m.put(Fields.CUSTODIAN, custodian);
                if (fields != null) m.putAll(fields);
                return m;
            }
        }
    }

    /**
     * A load-file native Quarry cannot read, or that yields no text (an image-only PDF, an unknown
     * format, a locked file), takes the text file the producer made for it: reviewers work from that
     * text too. The document stays the native (its hash, name and type); its metadata says where the
     * text came from and why.
     */
    static ParsedDocument withProducedText(ParsedDocument parsed, Path textFile, long maxBytes) throws IOException {
        boolean hasText = parsed.pages().stream().anyMatch(p -> !p.text().isBlank());
        if (parsed.container() || (parsed.status() == DocumentStatus.COMPLETED && hasText)) return parsed;
        if (!Files.isRegularFile(textFile) || Files.size(textFile) > maxBytes) return parsed;
        String text = TextDecoding.decode(Files.readAllBytes(textFile));
        if (text.isBlank()) return parsed;
        Map<String, String> metadata = new LinkedHashMap<>(parsed.metadata());
        metadata.put("text_source", "the production's text file " + textFile.getFileName()
                + (parsed.reason() != null ? " (the native: " + parsed.reason() + ")" : " (the native has no text)"));
        return new ParsedDocument(DocumentStatus.COMPLETED, null, parsed.mediaType(), false,
                List.of(ParsedPage.text(1, text)), parsed.title(), parsed.author(), parsed.date(), metadata);
    }

    /**
     * Applies per-page Bates numbers from a load file, or the stamps found on the pages. The load file's
     * list is used page for page when the counts match; a single text page that form feeds divide into
     * exactly that many parts is split at them first (the extracted text of imaged productions mostly
     * is), else at the Bates stamps or "Page i of n" lines printed on every page ({@link PrintedPageBreaks}).
     * When the pages still cannot be lined up, a page keeps the stamp found on it, or else carries
     * the document's whole range ("ABC0001–ABC0076"): true, where one number would cite the wrong page.
     * A single page for several numbers always carries the range.
     */
    static ParsedDocument withPageBates(ParsedDocument parsed, Map<String, String> fields) {
        if (parsed.pages().isEmpty()) return parsed;
        String given = fields.get(Fields.PAGE_BATES);
        List<String> list = given == null || given.isBlank() ? List.of() : List.of(given.strip().split("\n"));
        List<ParsedPage> pages = parsed.pages();
        boolean changed = false;
        if (list.size() > 1 && pages.size() == 1) {
            List<ParsedPage> split = splitAtFormFeeds(pages.get(0), list.size());
            if (split.size() == 1) split = PrintedPageBreaks.split(pages.get(0), list);
            changed = split.size() != 1;
            pages = split;
        }
        String range = list.isEmpty() ? null
                : list.size() == 1 ? list.get(0) : list.get(0) + "\u2013" + list.get(list.size() - 1);
        List<ParsedPage> out = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            ParsedPage p = pages.get(i);
            String b = p.bates();
            if (list.size() == pages.size()) b = list.get(i);
            else if (pages.size() == 1 && list.size() > 1) b = range; // one page holds them all; a stamp names only one
            else if (b == null) b = first(BatesDetector.detect(p.text()), range);
            changed |= !java.util.Objects.equals(b, p.bates());
            out.add(p.withBates(b));
        }
        return changed ? parsed.withPages(out) : parsed;
    }

    /**
     * The page split at form feeds when that gives exactly {@code expected} pages, else the page alone.
     * The feeds themselves are dropped (the full text puts a form feed between pages again); a blank
     * tail after the last feed stays on the last page so no character is lost.
     */
    static List<ParsedPage> splitAtFormFeeds(ParsedPage page, int expected) {
        if (page.layout() != null || page.text().indexOf('\f') < 0) return List.of(page);
        List<String> parts = new ArrayList<>(List.of(page.text().split("\f", -1)));
        if (parts.size() == expected + 1 && parts.get(expected).isBlank()) {
            parts.set(expected - 1, parts.get(expected - 1) + "\f" + parts.remove(expected));
        }
        if (parts.size() != expected) return List.of(page);
        List<ParsedPage> out = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) out.add(ParsedPage.text(page.number() + i, parts.get(i)));
        return out;
    }

    private static Instant parseDate(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            try {
                return java.time.LocalDate.parse(s.strip()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) if (v != null && !(v instanceof String s && s.isBlank())) return v;
        return null;
    }

    /** A source path as document_sources stores it. */
    private static String clipped(String sourcePath) {
        return DocumentRepository.clip(sourcePath, 4000);
    }

    private static String describe(Throwable t) {
        if (t instanceof QuarryException q) return q.getMessage();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + JobRepository.truncate(m, 300));
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
