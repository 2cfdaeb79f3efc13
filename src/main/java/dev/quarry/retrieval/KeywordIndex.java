package dev.quarry.retrieval;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matter's keyword index (Lucene, BM25): one Lucene document per chunk, English analysis on the text,
 * and the document fields for filters. It is a rebuildable cache of the database: chunks are added in
 * ascending id order and the last indexed id is kept in the commit, so a new document is searchable
 * as soon as it is parsed and a damaged or old-format index is rebuilt from the chunks table.
 */
public final class KeywordIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeywordIndex.class);
    /**
     * 3: each chunk's document id as doc values too, for {@link #documentsOf}. 2: the same documents as 1,
     * rebuilt once, because format 1's catch-up could index a chunk twice (one CUAD import had 5,756 of its
     * 29,133 chunks twice, which skewed BM25 and repeated hits).
     */
    public static final int FORMAT = 3;
    static final String TEXT = "text";
    private static final String LAST_CHUNK = "last_chunk_id";
    private static final String FORMAT_KEY = "format";

    public record Hit(long chunkId, double score, String snippet) {}

    private final ChunkStore chunks;
    private final Directory dir;
    private final Analyzer analyzer;
    /** Null when read-only: another process's writer holds the index (its write.lock). */
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private long lastChunkId;

    /** A reader of the index another process writes: no writer, no rebuild, no catch-up. */
    private KeywordIndex(ChunkStore chunks, Path path, boolean readOnly) throws IOException {
        this.chunks = chunks;
        this.dir = FSDirectory.open(path);
        this.analyzer = analyzer();
        this.writer = null;
        Map<String, String> data = DirectoryReader.indexExists(dir) ? SegmentInfos.readLatestCommit(dir).getUserData() : Map.of();
        if (!String.valueOf(FORMAT).equals(data.get(FORMAT_KEY))) {
            dir.close();
            throw new QuarryException("The keyword index of this matter is being built by the Quarry window that has "
                    + "it open; try again when it is searchable there.");
        }
        this.lastChunkId = Long.parseLong(data.getOrDefault(LAST_CHUNK, "0"));
        this.searchers = new SearcherManager(dir, null);
    }

    private KeywordIndex(ChunkStore chunks, Path path) throws IOException {
        this.chunks = chunks;
        this.dir = FSDirectory.open(path);
        this.analyzer = analyzer();
        boolean rebuild = true;
        if (DirectoryReader.indexExists(dir)) {
            try {
                Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
                long last = Long.parseLong(data.getOrDefault(LAST_CHUNK, "-1"));
                rebuild = !String.valueOf(FORMAT).equals(data.get(FORMAT_KEY)) || last < 0 || last > chunks.maxChunkId();
                lastChunkId = rebuild ? 0 : last;
            } catch (IOException | RuntimeException e) {
                log.warn("Keyword index in {} could not be read; rebuilding it", path, e);
            }
        }
        if (rebuild) {
            for (String f : dir.listAll()) dir.deleteFile(f); // a cache: start clean rather than read a damaged commit
        }
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer)
                .setOpenMode(rebuild ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(dir, cfg);
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index under {@code path} for searching only, while another process (the app) owns the matter
     * and writes the index: it sees that process's last commit and changes nothing.
     */
    public static KeywordIndex openReadOnly(ChunkStore chunks, Path path) {
        try {
            return new KeywordIndex(chunks, path, true);
        } catch (IOException e) {
            throw new QuarryException("The keyword index in " + path + " could not be read.", e);
        }
    }

    /** Opens (or rebuilds) the index under {@code path} and brings it up to date with the database. */
    public static KeywordIndex open(ChunkStore chunks, Path path) {
        try {
            KeywordIndex idx = new KeywordIndex(chunks, path);
            idx.catchUp();
            return idx;
        } catch (IOException e) {
            throw new QuarryException("The keyword index in " + path + " could not be opened.", e);
        }
    }

    /** English analysis for the text; file names as words; exact, case-insensitive values for the rest. */
    static Analyzer analyzer() {
        Analyzer exact = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer t = new KeywordTokenizer();
                return new TokenStreamComponents(t, new LowerCaseFilter(t));
            }
        };
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(
                "file_name", new StandardAnalyzer(), "custodian", exact, "media_type", exact, "bates", exact));
    }

    /** Test seam: runs between reading the new chunks and reconciling, where an import's commit can land. */
    Runnable beforeReconcile = () -> {};

    /**
     * Indexes chunks newer than the last indexed one, then checks the count against the database and
     * reconciles (chunks committed out of id order by parallel import, chunks of deleted documents).
     * Returns how many chunks were added. A chunk is never indexed twice: a failed pass takes back what
     * it added, and reconciling leaves chunks above the last indexed one to the next pass.
     */
    public synchronized int catchUp() {
        if (writer == null) return refreshReader();
        try {
            int[] added = {0};
            long[] last = {lastChunkId};
            List<Long> addedIds = new ArrayList<>();
            List<IOException> failure = new ArrayList<>();
            try {
                chunks.forEachAfter(lastChunkId, ch -> {
                    if (!failure.isEmpty()) return;
                    try {
                        writer.addDocument(toDocument(ch));
                        addedIds.add(ch.chunkId());
                        added[0]++;
                        last[0] = ch.chunkId();
                    } catch (IOException e) {
                        failure.add(e);
                    }
                });
                if (!failure.isEmpty()) throw failure.get(0);
            } catch (IOException | RuntimeException e) {
                // Nothing half-done stays behind: the next pass starts from the same chunk again.
                if (!addedIds.isEmpty()) writer.deleteDocuments(LongPoint.newSetQuery("chunk_id", addedIds));
                throw e;
            }
            lastChunkId = last[0];
            beforeReconcile.run();
            added[0] += reconcile();
            commit();
            return added[0];
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be updated.", e);
        }
    }

    /**
     * Makes the indexed chunks exactly the database's, up to the last indexed chunk id: drops chunks that
     * are gone and any chunk indexed more than once (an index from before this check), and adds chunks
     * committed out of id order. Chunks above the last id are left to {@link #catchUp}'s next pass, which
     * reads them in order; adding them here as well is how a chunk came to be indexed twice.
     */
    private int reconcile() throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher probe = searchers.acquire();
        try {
            if (probe.getIndexReader().numDocs() == chunks.countChunks()) return 0;
        } finally {
            searchers.release(probe);
        }
        Map<Long, Integer> indexed = indexedChunkIds();
        Set<Long> live = chunks.allChunkIds();
        List<Long> drop = new ArrayList<>();
        List<Long> add = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : indexed.entrySet()) {
            boolean alive = live.contains(e.getKey());
            if (!alive || e.getValue() > 1) drop.add(e.getKey());
            if (alive && e.getValue() > 1) add.add(e.getKey());
        }
        for (Long id : live) if (id <= lastChunkId && !indexed.containsKey(id)) add.add(id);
        if (drop.isEmpty() && add.isEmpty()) return 0;
        if (!drop.isEmpty()) {
            log.info("Keyword index: dropping {} chunks that are gone or indexed twice", drop.size());
            writer.deleteDocuments(LongPoint.newSetQuery("chunk_id", drop));
        }
        List<IOException> failure = new ArrayList<>();
        chunks.forEachIn(add, ch -> {
            try {
                writer.addDocument(toDocument(ch));
            } catch (IOException e) {
                failure.add(e);
            }
        });
        if (!failure.isEmpty()) {
            writer.deleteDocuments(LongPoint.newSetQuery("chunk_id", add));
            throw failure.get(0);
        }
        return add.size();
    }

    /** How many times each chunk id is in the index (once, unless something went wrong). */
    private Map<Long, Integer> indexedChunkIds() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            Map<Long, Integer> out = new java.util.HashMap<>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                NumericDocValues dv = leaf.reader().getNumericDocValues("chunk_id");
                var live = leaf.reader().getLiveDocs();
                if (dv == null) continue;
                for (int d = dv.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = dv.nextDoc()) {
                    if (live == null || live.get(d)) out.merge(dv.longValue(), 1, Integer::sum);
                }
            }
            return out;
        } finally {
            searchers.release(s);
        }
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of(LAST_CHUNK, Long.toString(lastChunkId), FORMAT_KEY, Integer.toString(FORMAT)).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private static Document toDocument(ChunkStore.IndexableChunk ch) {
        Document d = new Document();
        d.add(new LongPoint("chunk_id", ch.chunkId()));
        d.add(new NumericDocValuesField("chunk_id", ch.chunkId()));
        d.add(new StoredField("chunk_id", ch.chunkId()));
        d.add(new LongPoint("document_id", ch.documentId()));
        d.add(new NumericDocValuesField("document_id", ch.documentId()));
        d.add(new TextField(TEXT, ch.text(), Field.Store.YES));
        d.add(new TextField("file_name", nz(ch.fileName()), Field.Store.NO));
        if (ch.custodian() != null) d.add(new TextField("custodian", ch.custodian(), Field.Store.NO));
        if (ch.productionId() != null) d.add(new LongPoint("production_id", ch.productionId()));
        if (ch.mediaType() != null) d.add(new TextField("media_type", ch.mediaType(), Field.Store.NO));
        if (ch.date() != null) d.add(new LongPoint("date", ch.date().toEpochMilli()));
        d.add(new IntPoint("page", ch.page()));
        if (ch.bates() != null) d.add(new TextField("bates", ch.bates(), Field.Store.NO));
        return d;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** How many chunks the index holds (each chunk once). */
    int numDocs() {
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be read.", e);
        }
    }

    public long lastChunkId() {
        return lastChunkId;
    }

    /**
     * Runs a query in classic Lucene syntax (phrases, AND/OR/NOT, "a b"~5, wildcards, field:value) within
     * the filter; returns up to {@code k} hits with a highlighted snippet each. Text the parser cannot read
     * (a stray quote or colon in a plain question) is searched as plain words instead.
     */
    public List<Hit> search(String queryText, int k, SearchFilter filter) {
        List<Hit> hits = rank(queryText, k, filter);
        Map<Long, String> snippets = snippets(queryText, hits.stream().map(Hit::chunkId).toList());
        return hits.stream().map(h -> new Hit(h.chunkId(), h.score(), snippets.get(h.chunkId()))).toList();
    }

    /** The ranking alone, without snippets (the cheap part: highlighting costs more than scoring). */
    public List<Hit> rank(String queryText, int k, SearchFilter filter) {
        Query query = withFilter(parse(queryText), filter);
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(query, k);
                List<Hit> out = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    out.add(new Hit(chunkId(s, sd.doc), sd.score, null));
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be read.", e);
        }
    }

    /**
     * The document of each of these chunks that the index holds, from doc values. Hybrid search asks this
     * for every fused candidate; the same lookup in the database loads a page of chunk texts per chunk,
     * 36 ms p50 for 180 chunks of a million on first touch against about 1 ms here.
     */
    public Map<Long, Long> documentsOf(java.util.Collection<Long> chunkIds) {
        Map<Long, Long> out = new java.util.HashMap<>();
        if (chunkIds.isEmpty()) return out;
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(LongPoint.newSetQuery("chunk_id", chunkIds), chunkIds.size());
                List<LeafReaderContext> leaves = s.getIndexReader().leaves();
                for (ScoreDoc sd : top.scoreDocs) {
                    LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves));
                    NumericDocValues doc = leaf.reader().getNumericDocValues("document_id");
                    if (doc != null && doc.advanceExact(sd.doc - leaf.docBase)) out.put(chunkId(s, sd.doc), doc.longValue());
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be read.", e);
        }
    }

    /** A highlighted snippet of each chunk for the query, the chunks' texts read from the database. */
    public Map<Long, String> snippets(String queryText, java.util.Collection<Long> chunkIds) {
        if (chunkIds.isEmpty()) return Map.of();
        Map<Long, String> texts = new java.util.HashMap<>();
        chunks.views(chunkIds).forEach((id, v) -> texts.put(id, v.text()));
        return highlight(queryText, texts);
    }

    /**
     * A highlighted snippet of each text for the query: its best passage with the query's words in
     * {@code <b>}. The texts are the chunks' own (a caller has them from the database already), so the
     * index is not searched again: that search cost more than the highlighting at a million chunks.
     */
    public Map<Long, String> highlight(String queryText, Map<Long, String> textsByChunk) {
        Map<Long, String> out = new java.util.HashMap<>();
        if (textsByChunk.isEmpty()) return out;
        Query matched = parse(queryText);
        UnifiedHighlighter highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer).withMaxLength(100_000).build();
        try {
            for (Map.Entry<Long, String> e : textsByChunk.entrySet()) {
                Object snippet = highlighter.highlightWithoutSearcher(TEXT, matched, e.getValue(), 1);
                if (snippet != null) out.put(e.getKey(), snippet.toString());
            }
            return out;
        } catch (IOException e) {
            throw new QuarryException("The search \"" + queryText + "\" could not be highlighted.", e);
        }
    }

    /** The chunk id of a hit, from doc values (reading stored fields would decompress the chunk's text). */
    private static long chunkId(IndexSearcher s, int doc) throws IOException {
        List<org.apache.lucene.index.LeafReaderContext> leaves = s.getIndexReader().leaves();
        org.apache.lucene.index.LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        NumericDocValues dv = leaf.reader().getNumericDocValues("chunk_id");
        if (dv == null || !dv.advanceExact(doc - leaf.docBase)) throw new IOException("Keyword index document " + doc + " has no chunk id");
        return dv.longValue();
    }

    Query parse(String text) {
        QueryParser parser = new PointAwareQueryParser(analyzer);
        try {
            return parser.parse(text);
        } catch (ParseException | RuntimeException e) {
            try {
                return parser.parse(QueryParser.escape(text));
            } catch (ParseException e2) {
                throw new QuarryException("The search \"" + text + "\" could not be understood.", e2);
            }
        }
    }

    static Query withFilter(Query q, SearchFilter f) {
        if (f == null || f.isEmpty()) return q;
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST);
        if (f.documentIds() != null && !f.documentIds().isEmpty()) {
            b.add(LongPoint.newSetQuery("document_id", f.documentIds()), BooleanClause.Occur.FILTER);
        }
        if (!SearchFilter.blank(f.custodian())) {
            b.add(new TermQuery(new Term("custodian", f.custodian().strip().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        if (f.productionId() != null) b.add(LongPoint.newExactQuery("production_id", f.productionId()), BooleanClause.Occur.FILTER);
        if (f.dateFrom() != null || f.dateTo() != null) {
            long from = f.dateFrom() == null ? Long.MIN_VALUE : f.dateFrom().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            long to = f.dateTo() == null ? Long.MAX_VALUE : f.dateTo().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery("date", from, to), BooleanClause.Occur.FILTER);
        }
        if (!SearchFilter.blank(f.mediaType())) {
            b.add(new TermQuery(new Term("media_type", f.mediaType().strip().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** Classic syntax, with numeric fields (document_id, production_id, page, chunk_id) matched as numbers. */
    static final class PointAwareQueryParser extends QueryParser {
        PointAwareQueryParser(Analyzer analyzer) {
            super(TEXT, analyzer);
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
            try {
                switch (field) {
                    case "document_id", "production_id", "chunk_id":
                        return LongPoint.newExactQuery(field, Long.parseLong(text.trim()));
                    case "page":
                        return IntPoint.newExactQuery(field, Integer.parseInt(text.trim()));
                    default:
                        return super.getFieldQuery(field, text, quoted);
                }
            } catch (NumberFormatException e) {
                throw new ParseException(field + " needs a number, not \"" + text + "\"");
            }
        }
    }

    /** Read-only: catching up is seeing what the owner committed since. */
    private int refreshReader() {
        try {
            searchers.maybeRefreshBlocking();
            return 0;
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be read.", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            if (writer != null) writer.close();
            dir.close();
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be closed cleanly.", e);
        }
    }
}
