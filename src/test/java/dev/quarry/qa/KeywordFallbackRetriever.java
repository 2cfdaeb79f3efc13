package dev.quarry.qa;

import dev.quarry.core.Database;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FALLBACK retrieval until the hybrid search of {@code dev.quarry.retrieval} is wired in: an in-memory
 * keyword index over the matter's chunks, ranked by BM25. Its score is the share of the question's
 * (IDF-weighted) words that a passage contains, so 1.0 means every word matched. It also answers
 * {@link TermLookup} from the same index.
 */
public final class KeywordFallbackRetriever implements PassageRetriever, TermLookup {
    private record Chunk(long id, long documentId, String fileName, int page, String bates, long start, long end,
                         String text, int length) {}

    private final List<Chunk> chunks = new ArrayList<>();
    /** stem → pairs of (chunk index, term frequency). */
    private final Map<String, int[]> postings = new HashMap<>();
    private final double avgLength;

    private KeywordFallbackRetriever(Database db) {
        Map<String, List<int[]>> build = new HashMap<>();
        long totalLength = 0;
        try {
            totalLength = db.withConnection(c -> {
                long total = 0;
                try (ResultSet rs = c.createStatement().executeQuery("SELECT c.id, c.document_id, d.file_name, c.page_number, "
                        + "p.bates, c.doc_start_char, c.doc_end_char, c.text FROM chunks c JOIN documents d ON d.id = c.document_id "
                        + "LEFT JOIN pages p ON p.document_id = c.document_id AND p.page_number = c.page_number ORDER BY c.id")) {
                    while (rs.next()) {
                        String text = rs.getString(8);
                        Map<String, Integer> tf = new HashMap<>();
                        int len = 0;
                        for (String w : Terms.words(text)) {
                            len++;
                            if (!Terms.isStop(w)) tf.merge(Terms.stem(w), 1, Integer::sum);
                        }
                        int index = chunks.size();
                        chunks.add(new Chunk(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                                rs.getLong(6), rs.getLong(7), text, len));
                        total += len;
                        tf.forEach((s, n) -> build.computeIfAbsent(s, k -> new ArrayList<>()).add(new int[] {index, n}));
                    }
                }
                return total;
            });
        } finally {
            build.forEach((s, l) -> {
                int[] flat = new int[l.size() * 2];
                for (int i = 0; i < l.size(); i++) {
                    flat[2 * i] = l.get(i)[0];
                    flat[2 * i + 1] = l.get(i)[1];
                }
                postings.put(s, flat);
            });
        }
        avgLength = chunks.isEmpty() ? 1 : (double) totalLength / chunks.size();
    }

    /** Reads every chunk of the matter once; later questions cost only the index lookups. */
    public static KeywordFallbackRetriever load(Database db) {
        return new KeywordFallbackRetriever(db);
    }

    public int size() {
        return chunks.size();
    }

    @Override
    public List<Passage> retrieve(String question, int k) {
        Set<String> q = Terms.stems(question);
        int n = chunks.size();
        if (n == 0 || q.isEmpty()) return List.of();
        double idfUnknown = Math.log(1 + (n + 0.5) / 0.5);
        double idfTotal = 0;
        // Dense accumulators: a question's common words touch most chunks, where a map would dominate the time.
        double[] bm25 = new double[n];
        double[] matched = new double[n];
        for (String s : q) {
            int[] p = postings.get(s);
            if (p == null) {
                idfTotal += idfUnknown;
                continue;
            }
            int df = p.length / 2;
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            idfTotal += idf;
            for (int i = 0; i < p.length; i += 2) {
                int at = p[i];
                double tf = p[i + 1];
                bm25[at] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * chunks.get(at).length() / avgLength));
                matched[at] += idf;
            }
        }
        // Keep the k best by (matched share, BM25) with a small bounded heap.
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(k + 1, (x, y) -> {
            int c = Double.compare(matched[x], matched[y]);
            return c != 0 ? c : Double.compare(bm25[x], bm25[y]);
        });
        for (int i = 0; i < n; i++) {
            if (matched[i] == 0) continue;
            heap.add(i);
            if (heap.size() > k) heap.poll();
        }
        List<Integer> best = new ArrayList<>(heap);
        best.sort((x, y) -> {
            int c = Double.compare(matched[y], matched[x]);
            return c != 0 ? c : Double.compare(bm25[y], bm25[x]);
        });
        double total = idfTotal;
        List<Passage> out = new ArrayList<>(best.size());
        for (int i : best) {
            Chunk c = chunks.get(i);
            out.add(new Passage(c.id(), c.documentId(), c.fileName(), c.page(), c.bates(), c.start(), c.end(), c.text(),
                    Math.min(1, matched[i] / total)));
        }
        return out;
    }

    @Override
    public boolean occurs(String termOrPhrase) {
        List<String> words = Terms.words(termOrPhrase);
        if (words.isEmpty()) return false;
        int[] rarest = null;
        for (String w : words) {
            if (Terms.isStop(w)) continue;
            int[] p = postings.get(Terms.stem(w));
            if (p == null) return false;
            if (rarest == null || p.length < rarest.length) rarest = p;
        }
        if (rarest == null) return false;
        if (words.size() == 1) return true;
        // Only chunks holding every word can hold the phrase: intersect the postings before reading text.
        java.util.BitSet candidates = new java.util.BitSet(chunks.size());
        for (int i = 0; i < rarest.length; i += 2) candidates.set(rarest[i]);
        for (String w : words) {
            if (Terms.isStop(w)) continue;
            int[] p = postings.get(Terms.stem(w));
            java.util.BitSet has = new java.util.BitSet(chunks.size());
            for (int i = 0; i < p.length; i += 2) has.set(p[i]);
            candidates.and(has);
        }
        String phrase = Terms.normalise(termOrPhrase);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (Terms.normalise(chunks.get(i).text()).contains(phrase)) return true;
        }
        return false;
    }
}
