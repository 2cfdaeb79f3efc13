package dev.quarry.qa;

import dev.quarry.evidence.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a question about every document of a matter ("which agreements have a non-compete?", "how many contracts
 * choose Delaware law?", "what is the average notice period?"), which the top passages of a search cannot answer, and
 * derives the grid column that would answer it: an identifier name, a guessed type and the question as instructions.
 * Offline and deliberately conservative: it needs a plural collection noun (agreements, contracts, documents…) or an
 * aggregate word (average, median), so an ordinary factual question about one document does not trigger it.
 */
public final class EveryDocumentQuestion {
    /** The column a question becomes: a valid identifier, a type and the instructions (the question itself). */
    public record Column(String name, ValueType type, String instructions) {}

    private static final String NOUNS = "(?:agreements|contracts|documents|docs|files|leases|licen[cs]es|licen[cs]e agreements|ndas"
            + "|emails|e-mails|policies|invoices|deals|amendments|filings|records|reports|letters|memos)";
    private static final String CONTRACT_NOUNS = "(?:agreements|contracts|leases|licen[cs]es|licen[cs]e agreements|ndas|deals)";
    private static final String SINGULAR = "(?:agreement|contract|document|lease|file|licen[cs]e|nda|email|policy|invoice)";
    private static final String OF_THE = "(?:of\\s+(?:the|these|those|our|all|all\\s+the)\\s+)?";
    private static final String DET = "(?:the\\s+|these\\s+|those\\s+|our\\s+)?";
    private static final String ANY_DOCS = "(?:" + OF_THE + "(?:\\w+\\s+){0,1}?" + NOUNS + "|of\\s+them)";

    /** Question openings that quantify over documents; each gives the type of the column and what follows. */
    private static final List<Rule> RULES = List.of(
            new Rule("^which\\s+" + OF_THE + DET + "(?:\\w+\\s+){0,1}?" + NOUNS + "\\b", ValueType.BOOLEAN),
            // "what documents must the seller deliver?" asks about one deal: "what" only with agreement-like nouns.
            new Rule("^what\\s+" + OF_THE + DET + "(?:\\w+\\s+){0,1}?" + CONTRACT_NOUNS + "\\b", ValueType.BOOLEAN),
            new Rule("^how\\s+many\\s+" + ANY_DOCS + "\\b", ValueType.BOOLEAN),
            new Rule("^(?:list|show|find|name|identify)(?:\\s+me)?\\s+(?:(?:every|each)\\s+(?:\\w+\\s+){0,1}?" + SINGULAR + "|(?:all\\s+)?"
                    + OF_THE + DET + "(?:\\w+\\s+){0,1}?" + NOUNS + ")\\b", ValueType.BOOLEAN),
            new Rule("^(?:do|does|did)\\s+(?:any|all|none|every|each)\\s+" + ANY_DOCS + "\\b", ValueType.BOOLEAN),
            new Rule("^(?:are|is)\\s+there\\s+any\\s+" + ANY_DOCS + "\\b", ValueType.BOOLEAN),
            new Rule("^(?:what|which)\\s+(?:share|percentage|proportion|fraction|percent|portion|number)\\s+of\\s+" + DET + "(?:\\w+\\s+){0,1}?"
                    + NOUNS + "\\b", ValueType.BOOLEAN),
            new Rule("^(?:what\\s+(?:is|are|was|were)\\s+)?(?:the\\s+)?(?:average|mean|median)\\b", ValueType.NUMBER));

    /** Anywhere in the question: "… across the contracts", "… in each agreement", "for every document". */
    private static final Pattern ACROSS = Pattern.compile("\\b(?:across|in|for|of|among|from)\\s+(?:all|every|each)\\s+(?:of\\s+)?"
            + "(?:the\\s+)?(?:\\w+\\s+){0,1}?" + SINGULAR + "s?\\b"
            + "|\\bacross\\s+(?:the\\s+)?(?:\\w+\\s+){0,1}?" + NOUNS + "\\b");
    /** "… under the agreement", "… in this lease": one document, so an average is of its own figures. */
    private static final Pattern ONE_DOCUMENT = Pattern.compile("\\b(?:the|this|that|each)\\s+(?:agreement|contract|document|lease|licen[cs]e|loan|policy|nda)\\b");
    private static final Pattern AGGREGATE = Pattern.compile("\\b(?:average|mean|median|total|sum)\\b");

    private static final Set<String> STOP = Set.copyOf(List.of("a", "an", "the", "with", "that", "which", "who", "whose", "of", "in", "to", "for",
            "on", "by", "and", "or", "any", "all", "every", "each", "have", "has", "had", "having", "contain", "contains", "containing",
            "include", "includes", "including", "do", "does", "did", "is", "are", "was", "were", "be", "been", "there", "provide",
            "provides", "providing", "what", "which", "how", "many", "much", "it", "its", "their", "them", "they", "this", "these",
            "those", "our", "across", "among", "matter", "average", "mean", "median", "total", "sum", "combined", "clause",
            "provision", "term", "a", "me", "list", "show", "find", "name", "identify", "not", "no", "where", "under", "from", "as",
            "per", "than", "mention", "mentions", "mentioning", "about", "can", "may", "will", "would", "should", "share",
            "percentage", "proportion", "fraction", "percent", "portion", "number"));
    private static final Pattern NOUN_WORD = Pattern.compile("^" + NOUNS + "$");
    static final int MAX_NAME_WORDS = 5;
    static final int MAX_NAME_CHARS = 60;

    private record Rule(Pattern pattern, ValueType type) {
        Rule(String regex, ValueType type) {
            this(Pattern.compile(regex), type);
        }
    }

    private EveryDocumentQuestion() {}

    /** Whether the question asks about every document (top passages cannot answer it). */
    public static boolean isAboutEveryDocument(String question) {
        return column(question).isPresent();
    }

    /** The grid column that answers the question over every document, or empty for an ordinary question. */
    public static Optional<Column> column(String question) {
        if (question == null) return Optional.empty();
        String q = normalise(question);
        if (q.isEmpty()) return Optional.empty();
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(q);
            if (!m.find()) continue;
            if (r.type() == ValueType.NUMBER && ONE_DOCUMENT.matcher(q).find() && !ACROSS.matcher(q).find()) continue;
            return Optional.of(new Column(name(q.substring(m.end())), r.type(), instructions(question)));
        }
        Matcher across = ACROSS.matcher(q);
        if (across.find()) {
            String rest = (q.substring(0, across.start()) + " " + q.substring(across.end())).strip();
            ValueType type = AGGREGATE.matcher(q).find() ? ValueType.NUMBER : ValueType.TEXT;
            return Optional.of(new Column(name(rest), type, instructions(question)));
        }
        return Optional.empty();
    }

    static String normalise(String question) {
        return question.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ");
    }

    /** A valid identifier from the content words of what the question asks of each document. */
    static String name(String rest) {
        List<String> words = new ArrayList<>();
        for (String w : rest.replace("-", "_").split("[^\\p{L}\\p{N}_]+")) {
            String t = w.replaceAll("^_+|_+$", "");
            if (t.isEmpty() || STOP.contains(t) || NOUN_WORD.matcher(t).matches()) continue;
            words.add(t);
            if (words.size() == MAX_NAME_WORDS) break;
        }
        String name = String.join("_", words).replaceAll("[^A-Za-z0-9_]", "").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (name.length() > MAX_NAME_CHARS) name = name.substring(0, MAX_NAME_CHARS).replaceAll("_$", "");
        if (name.isEmpty()) return "answer";
        return Character.isDigit(name.charAt(0)) ? "q_" + name : name;
    }

    private static String instructions(String question) {
        String q = question.strip().replaceAll("\\s+", " ");
        return q.length() >= 10 ? q : q + " (answer for this document)";
    }
}
