package dev.quarry.qa;

import dev.quarry.core.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a matter covers (its documents and recurring topics) and three answerable questions drawn from its
 * own text: seed 003's "available entities" and "suggestions", for documents instead of tables.
 */
final class MatterOverview {
    private static final int SAMPLE_CHUNKS = 600;

    record Coverage(long documents, List<String> sampleDocuments, List<String> topics) {
        String sentence() {
            return "This matter holds " + documents + " document" + (documents == 1 ? "" : "s")
                    + (sampleDocuments.isEmpty() ? "" : " (for example " + String.join(", ", sampleDocuments) + ")")
                    + (topics.isEmpty() ? "" : " about topics such as " + String.join(", ", topics)) + ".";
        }
    }

    private final Database db;
    private volatile String stamp;
    private volatile Coverage cached;

    MatterOverview(Database db) {
        this.db = db;
    }

    Coverage coverage(String matterStamp) {
        Coverage c = cached;
        if (c != null && matterStamp.equals(stamp)) return c;
        c = compute();
        cached = c;
        stamp = matterStamp;
        return c;
    }

    /**
     * Exactly three questions about the matter's own topics that pass {@code answerable}; questions near the
     * terms the user did use come first.
     */
    List<String> suggestions(Coverage coverage, List<String> foundTerms, Predicate<String> answerable) {
        List<String> candidates = new ArrayList<>();
        List<String> topics = new ArrayList<>(coverage.topics());
        for (String f : foundTerms) {
            for (String t : topics) if (t.contains(f.toLowerCase()) && !t.equals(f)) candidates.add("What do the documents say about " + t + "?");
        }
        String[] templates = {"What do the documents say about %s?", "Which documents mention %s?",
                "What are the terms regarding %s?"};
        for (int i = 0; i < topics.size(); i++) candidates.add(String.format(templates[i % templates.length], topics.get(i)));
        // Words of the question the matter does hold: in a small matter with few recurring topics these are
        // the next most likely questions to have an answer.
        for (String f : foundTerms) if (f.length() > 3) candidates.add("What do the documents say about " + f + "?");
        List<String> out = new ArrayList<>();
        Set<String> usedTopics = new HashSet<>();
        for (String c : new LinkedHashSet<>(candidates)) {
            if (out.size() == 3) break;
            String topic = c.replaceAll("^.* (about|mention|regarding) (.*)\\?$", "$2");
            if (!usedTopics.add(topic)) continue;
            if (answerable.test(c)) out.add(c);
        }
        // A tiny matter may not yield three checked questions: its documents by name, checked the same way,
        // and only then questions about the matter itself, which the documents table answers if Q&A cannot.
        for (String d : coverage.sampleDocuments()) {
            if (out.size() == 3) break;
            String s = "What is " + d.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replace('_', ' ') + " about?";
            if (!out.contains(s) && answerable.test(s)) out.add(s);
        }
        while (out.size() < 3) out.add(out.isEmpty() ? "What documents does this matter hold?" : "Which documents were imported most recently?");
        return out;
    }

    private Coverage compute() {
        return db.withConnection(c -> {
            long docs;
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM documents WHERE status = 'completed'")) {
                rs.next();
                docs = rs.getLong(1);
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT file_name FROM documents WHERE status = 'completed' ORDER BY chunk_count DESC, id LIMIT 3")) {
                while (rs.next()) names.add(rs.getString(1));
            }
            // Pick the sample by id from the primary key alone, then read only those rows' text.
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM chunks ORDER BY id")) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            int step = Math.max(1, ids.size() / SAMPLE_CHUNKS);
            List<Long> sample = new ArrayList<>();
            for (int i = 0; i < ids.size() && sample.size() < SAMPLE_CHUNKS; i += step) sample.add(ids.get(i));
            Map<String, Set<Long>> phraseDocs = new HashMap<>();
            Map<String, Integer> phraseCount = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id, text FROM chunks WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("BIGINT", sample.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long doc = rs.getLong(1);
                        List<String> words = Terms.words(rs.getString(2));
                        for (int i = 0; i + 1 < words.size(); i++) {
                            String a = words.get(i);
                            String b = words.get(i + 1);
                            if (!topicWord(a) || !topicWord(b)) continue;
                            if (Terms.stem(a).equals(Terms.stem(b))) continue;
                            String p = a + " " + b;
                            phraseDocs.computeIfAbsent(p, k -> new HashSet<>()).add(doc);
                            phraseCount.merge(p, 1, Integer::sum);
                        }
                    }
                }
            }
            boolean multiDoc = docs > 1;
            List<String> topics = phraseCount.entrySet().stream()
                    .filter(e -> !multiDoc || phraseDocs.get(e.getKey()).size() >= 2 || docs <= 3)
                    .filter(e -> e.getValue() >= 2)
                    .sorted((x, y) -> {
                        int dx = phraseDocs.get(x.getKey()).size(), dy = phraseDocs.get(y.getKey()).size();
                        return dx != dy ? dy - dx : y.getValue() - x.getValue();
                    })
                    .map(Map.Entry::getKey)
                    .limit(12)
                    .collect(java.util.stream.Collectors.toList());
            if (topics.size() < 3) {
                // A small matter: take its most frequent phrases, then its most frequent long words.
                List<String> more = new ArrayList<>(topics);
                phraseCount.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).map(Map.Entry::getKey)
                        .filter(p -> !more.contains(p)).limit(12).forEach(more::add);
                topics = more;
            }
            // Drop phrases that repeat a word of a better one, so the topics are varied.
            List<String> varied = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String t : topics) {
                String[] w = t.split(" ");
                boolean repeats = false;
                for (String x : w) repeats |= seen.contains(Terms.stem(x));
                if (repeats) continue;
                for (String x : w) seen.add(Terms.stem(x));
                varied.add(t);
                if (varied.size() == 6) break;
            }
            return new Coverage(docs, names, varied);
        });
    }

    private static boolean topicWord(String w) {
        return w.length() >= 4 && !Terms.isStop(w) && !Character.isDigit(w.charAt(0)) && w.chars().allMatch(Character::isLetter);
    }

    static Map<String, Object> json(Coverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", c.documents());
        m.put("examples", c.sampleDocuments());
        m.put("topics", c.topics());
        m.put("summary", c.sentence());
        return m;
    }
}
