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
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
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
     * 5: the producer's original file name as an {@code original_name} field (load-file FILENAME), so
     * {@code original_name:upjohn} finds the document.
     * 4: the words as written beside the stemmed text ({@link #EXACT}), for wildcard, fuzzy, regular-expression
     * and quoted terms. 3: each chunk's document id as doc values too, for {@link #documentsOf}. 2: the same documents as 1,
     * rebuilt once, because format 1's catch-up could index a chunk twice (one CUAD import had 5,756 of its
     * 29,133 chunks twice, which skewed BM25 and repeated hits).
     */
    public static final int FORMAT = 5;
    /** The chunk text, stemmed: what a plain word is matched against. Stored, for highlighting. */
    static final String TEXT = "text";
    /** The chunk text as written (lower-cased words, no stemming, no stop words dropped); not stored. */
    static final String EXACT = "text_exact";
    private static final String LAST_CHUNK = "last_chunk_id";
    private static final String FORMAT_KEY = "format";

    public record Hit(long chunkId, double score, String snippet) {}

    private final ChunkStore chunks;
    private final Directory dir;
    private final Analyzer analyzer;
    private static final Analyzer HIGHLIGHTING = highlighting();
    /** Null when read-only: another process's writer holds the index (its write.lock). */
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private long lastChunkId;

    /** A reader of the index another process writes: no writer, no rebuild, no catch-up. */
    private KeywordIndex(ChunkStore chunks, Path path, dev.quarry.core.crypto.FileCipher cipher, boolean readOnly) throws IOException {
        this.chunks = chunks;
        this.dir = directory(path, cipher);
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

    private KeywordIndex(ChunkStore chunks, Path path, dev.quarry.core.crypto.FileCipher cipher) throws IOException {
        this.chunks = chunks;
        this.dir = directory(path, cipher);
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
    public static KeywordIndex openReadOnly(ChunkStore chunks, Path path, dev.quarry.core.crypto.FileCipher cipher) {
        try {
            return new KeywordIndex(chunks, path, cipher, true);
        } catch (IOException e) {
            throw new QuarryException("The keyword index in " + path + " could not be read.", e);
        }
    }

    /** An encrypted matter's index files are encrypted chunk by chunk (docs/adr/0009-encrypted-matters.md). */
    private static Directory directory(Path path, dev.quarry.core.crypto.FileCipher cipher) throws IOException {
        return cipher == null ? FSDirectory.open(path) : new EncryptedDirectory(FSDirectory.open(path), cipher);
    }

    /** Opens (or rebuilds) the index under {@code path} and brings it up to date with the database. */
    public static KeywordIndex open(ChunkStore chunks, Path path) {
        return open(chunks, path, null);
    }

    /** As {@link #open(ChunkStore, Path)}, with the index's files encrypted by {@code cipher} (null: in the clear). */
    public static KeywordIndex open(ChunkStore chunks, Path path, dev.quarry.core.crypto.FileCipher cipher) {
        try {
            KeywordIndex idx = new KeywordIndex(chunks, path, cipher);
            idx.catchUp();
            return idx;
        } catch (IOException e) {
            throw new QuarryException("The keyword index in " + path + " could not be opened.", e);
        }
    }

    /**
     * Stemmed English for the text, the words as written beside it; file names as words; exact,
     * case-insensitive values for the rest.
     */
    static Analyzer analyzer() {
        Analyzer exact = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer t = new KeywordTokenizer();
                return new TokenStreamComponents(t, new LowerCaseFilter(t));
            }
        };
        return new PerFieldAnalyzerWrapper(stemmedWords(), Map.of(EXACT, wordsAsWritten(),
                "file_name", new StandardAnalyzer(), "original_name", originalNameAnalyzer(), "custodian", exact, "media_type", exact, "bates", exact));
    }

    /**
     * Producers' file names ("UpjohnInc_20200121_EX-2.6_Supply Agreement.txt") as words: split at every
     * character that is not a letter or digit (the standard tokenizer keeps "agreement_" and "agreement.txt"
     * whole), and camel case and letter-digit runs split too while the whole run is kept, so both
     * {@code original_name:upjohn} and {@code original_name:upjohninc} find it. Flattened, since the
     * index cannot hold a token graph.
     */
    static Analyzer originalNameAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                org.apache.lucene.analysis.Tokenizer t = org.apache.lucene.analysis.util.CharTokenizer
                        .fromTokenCharPredicate(Character::isLetterOrDigit);
                int flags = org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_WORD_PARTS
                        | org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
                        | org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
                        | org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
                        | org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
                org.apache.lucene.analysis.TokenStream s =
                        new org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter(t, flags, null);
                s = new org.apache.lucene.analysis.core.FlattenGraphFilter(new LowerCaseFilter(s));
                return new TokenStreamComponents(t, s);
            }
        };
    }

    /**
     * Words Porter folds into the stem of an unrelated word that contracts use as often ("government" and
     * "governing" both become "govern", "department" and "depart"): each keeps a stem of its own, plurals
     * folded. Plain words stay Porter-stemmed otherwise: plural-only and KStem stemming lost about 11 points
     * of recall@64 and of document hit@1 on CUAD keyword search (docs/adr/0008-hybrid-fusion.md).
     */
    private static final StemmerOverrideFilter.StemmerOverrideMap OWN_STEMS = ownStems(Map.of(
            "government", List.of("government", "governments", "governmental"),
            "department", List.of("department", "departments", "departmental"),
            "general", List.of("general", "generally"),
            "organization", List.of("organization", "organizations"),
            "university", List.of("university", "universities"),
            "community", List.of("community", "communities")));

    private static StemmerOverrideFilter.StemmerOverrideMap ownStems(Map<String, List<String>> stems) {
        StemmerOverrideFilter.Builder b = new StemmerOverrideFilter.Builder(false);
        stems.forEach((stem, words) -> words.forEach(w -> b.add(w, stem)));
        try {
            return b.build();
        } catch (IOException e) {
            throw new IllegalStateException("The stem overrides could not be built", e);
        }
    }

    /** The stemming step of the text field (input lower-cased, possessives and stop words gone). */
    static TokenStream stem(TokenStream in) {
        return new PorterStemFilter(new StemmerOverrideFilter(in, OWN_STEMS));
    }

    /** The text field: Lucene's EnglishAnalyzer chain (possessives, lower case, stop words, Porter) with {@link #OWN_STEMS}. */
    static Analyzer stemmedWords() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer t = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(new EnglishPossessiveFilter(t));
                s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new TokenStreamComponents(t, stem(s));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** The words as written: lower-cased, nothing stemmed or dropped, so a wildcard or a quote means what it says. */
    static Analyzer wordsAsWritten() {
        return new StandardAnalyzer(CharArraySet.EMPTY_SET);
    }

    /**
     * For highlighting one text against both fields: every word as written and, at the same position, its
     * stem, so a match in either field is marked on the word the reader sees.
     */
    static Analyzer highlighting() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer t = new StandardTokenizer();
                TokenStream s = new KeywordRepeatFilter(new LowerCaseFilter(t));
                s = new ConditionalTokenFilter(s, in -> stem(new EnglishPossessiveFilter(in))) {
                    private final KeywordAttribute asWritten = addAttribute(KeywordAttribute.class);

                    @Override
                    protected boolean shouldFilter() {
                        return !asWritten.isKeyword();
                    }
                };
                return new TokenStreamComponents(t, new RemoveDuplicatesTokenFilter(s));
            }
        };
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
        d.add(new TextField(EXACT, ch.text(), Field.Store.NO));
        d.add(new TextField("file_name", nz(ch.fileName()), Field.Store.NO));
        if (ch.originalName() != null) d.add(new TextField("original_name", ch.originalName(), Field.Store.NO));
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
        return rank(read(queryText), k, filter);
    }

    /** The ranking of a query already read by {@link #read}. */
    public List<Hit> rank(Parsed parsed, int k, SearchFilter filter) {
        Query query = withFilter(parsed.query(), filter);
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
     * The chunks of one document ranked for a query by BM25 with each word weighted by how rare it is in that
     * document (how few of its chunks hold it), not in the matter: the contract's own name and its parties'
     * names, which a question naming the contract repeats and most of its chunks hold, weigh next to nothing,
     * and the words of the clause asked about carry the ranking. Best first; chunks holding no query word are
     * left out. Read from the postings and norms the index keeps (no stored text is read).
     */
    public List<Long> withinDocument(String queryText, long documentId) {
        List<String> words = new ArrayList<>(new java.util.LinkedHashSet<>(tokens(TEXT, queryText)));
        if (words.isEmpty()) return List.of();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(LongPoint.newExactQuery("document_id", documentId), Integer.MAX_VALUE);
                int n = top.scoreDocs.length;
                if (n == 0) return List.of();
                int[] docs = new int[n];
                for (int i = 0; i < n; i++) docs[i] = top.scoreDocs[i].doc;
                java.util.Arrays.sort(docs);
                long[] chunkIds = new long[n];
                double[] length = new double[n];
                int[][] freq = new int[words.size()][n];
                List<LeafReaderContext> leaves = s.getIndexReader().leaves();
                for (int i = 0; i < n; ) {
                    LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(docs[i], leaves));
                    int end = i;
                    while (end < n && docs[end] < leaf.docBase + leaf.reader().maxDoc()) end++;
                    NumericDocValues ids = leaf.reader().getNumericDocValues("chunk_id");
                    NumericDocValues norms = leaf.reader().getNormValues(TEXT);
                    for (int j = i; j < end; j++) {
                        int local = docs[j] - leaf.docBase;
                        chunkIds[j] = ids != null && ids.advanceExact(local) ? ids.longValue() : -1;
                        length[j] = norms != null && norms.advanceExact(local) ? org.apache.lucene.util.SmallFloat.byte4ToInt((byte) norms.longValue()) : 1;
                    }
                    for (int w = 0; w < words.size(); w++) {
                        org.apache.lucene.index.PostingsEnum pe = leaf.reader().postings(new Term(TEXT, words.get(w)), org.apache.lucene.index.PostingsEnum.FREQS);
                        if (pe == null) continue;
                        for (int j = i; j < end; j++) {
                            int local = docs[j] - leaf.docBase;
                            int at = pe.docID() >= local ? pe.docID() : pe.advance(local);
                            if (at == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) break;
                            if (at == local) freq[w][j] = pe.freq();
                        }
                    }
                    i = end;
                }
                double avg = 0;
                for (double l : length) avg += l;
                avg = Math.max(1, avg / n);
                double[] score = new double[n];
                for (int w = 0; w < words.size(); w++) {
                    int df = 0;
                    for (int j = 0; j < n; j++) if (freq[w][j] > 0) df++;
                    if (df == 0) continue;
                    double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                    for (int j = 0; j < n; j++) {
                        int tf = freq[w][j];
                        if (tf > 0) score[j] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length[j] / avg));
                    }
                }
                List<Integer> order = new ArrayList<>();
                for (int j = 0; j < n; j++) if (score[j] > 0 && chunkIds[j] >= 0) order.add(j);
                order.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Long.compare(chunkIds[a], chunkIds[b]));
                List<Long> out = new ArrayList<>(order.size());
                for (int j : order) out.add(chunkIds[j]);
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new QuarryException("The keyword index could not be read.", e);
        }
    }

    /** The words of a text as a field's analyzer indexes them. */
    private List<String> tokens(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new QuarryException("The text could not be analysed.", e);
        }
        return out;
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
        // One pass marks matches of both fields: the highlighting analyzer yields each word and its stem.
        UnifiedHighlighter highlighter = UnifiedHighlighter.builderWithoutSearcher(HIGHLIGHTING).withMaxLength(100_000)
                .withFieldMatcher(f -> TEXT.equals(f) || EXACT.equals(f)).build();
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

    /**
     * A query as the keyword index reads it: {@code problem} is null when it was read as written, else why the
     * syntax could not be read, and then {@code query} searches its words as plain words.
     */
    public record Parsed(Query query, String problem) {
        public boolean understood() {
            return problem == null;
        }
    }

    /** Reads classic syntax; text the parser cannot read is searched as escaped plain words, and says why. */
    public Parsed read(String text) {
        QueryParser parser = new PointAwareQueryParser(analyzer);
        try {
            return new Parsed(parser.parse(text), null);
        } catch (ParseException | RuntimeException e) {
            String problem = SyntaxProblems.explain(text, e);
            try {
                // As plain words, AND/OR/NOT too: in lower case they are stop words, not operators.
                String words = QueryParser.escape(text).replaceAll("\\b(AND|OR|NOT)\\b", " ");
                return new Parsed(parser.parse(words.isBlank() ? QueryParser.escape(text) : words), problem);
            } catch (ParseException e2) {
                throw new QuarryException("The search \"" + text + "\" could not be understood.", e2);
            }
        }
    }

    Query parse(String text) {
        return read(text).query();
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

    /**
     * Classic syntax, with numeric fields (document_id, production_id, page, chunk_id) matched as numbers, and
     * the text split between its two fields: a plain word is matched against the stemmed text, while a
     * wildcard, prefix, fuzzy or regular-expression term and anything in quotes (a phrase or one word) is
     * matched against the words as written. Stems made {@code terminat*} match nothing (the index holds
     * "termin") and made {@code "governing"} find "government".
     */
    static final class PointAwareQueryParser extends QueryParser {
        PointAwareQueryParser(Analyzer analyzer) {
            super(TEXT, analyzer);
        }

        private static String asWritten(String field) {
            return TEXT.equals(field) ? EXACT : field;
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
                        return super.getFieldQuery(quoted ? asWritten(field) : field, text, quoted);
                }
            } catch (NumberFormatException e) {
                throw new ParseException(field + " needs a number, not \"" + text + "\"");
            }
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            return super.getWildcardQuery(asWritten(field), termStr);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return super.getPrefixQuery(asWritten(field), termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return super.getFuzzyQuery(asWritten(field), termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return super.getRegexpQuery(asWritten(field), termStr);
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
