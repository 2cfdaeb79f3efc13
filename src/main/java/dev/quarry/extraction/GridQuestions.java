package dev.quarry.extraction;

import dev.quarry.evidence.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions of a grid, answered offline from its cells (issue 14 part 7, seed 003): count, list, aggregate,
 * filter and comparison, each answer citing the cells it rests on. A question naming something no column holds
 * gets seed 003's answer instead: the terms that matched no column (a column's name or words, a synonym, or a
 * near match at similarity ≥ 0.70 count as found, as do values the cells hold), the columns there are, and
 * exactly three questions this grid can answer.
 */
public final class GridQuestions {
    public static final double NEAR = 0.70;
    static final int MAX_CITED = 500;

    public enum Intent { COUNT, LIST, AGGREGATE, FILTER, COMPARISON, UNKNOWN }

    /** A cited cell. */
    public record CellRef(String fileName, long documentId, String variable, String value) {}

    /**
     * The answer. {@code answerType} is "answered" or "not_available"; {@code unmatchedTerms} the words no column
     * holds; {@code nearMatches} term → column for the near matches and synonyms that counted as found.
     */
    public record Result(String answerType, Intent intent, String answer, List<CellRef> cells, List<String> availableColumns,
                         List<String> suggestions, List<String> matchedColumns, List<String> unmatchedTerms,
                         Map<String, String> nearMatches) {}

    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "is", "are", "was",
            "were", "be", "been", "do", "does", "did", "how", "many", "much", "what", "which", "who", "whose", "whom", "list", "show",
            "me", "all", "any", "each", "every", "there", "that", "this", "these", "those", "with", "without", "have", "has", "had",
            "having", "by", "from", "their", "its", "it", "they", "them", "our", "we", "i", "you", "please", "give", "find", "tell",
            "count", "number", "total", "average", "mean", "median", "sum", "max", "maximum", "min", "minimum", "highest", "lowest",
            "longest", "shortest", "earliest", "latest", "oldest", "newest", "most", "least", "common", "compare", "versus", "vs",
            "between", "than", "more", "less", "fewer", "greater", "where", "not", "no", "yes", "contain", "contains", "containing",
            "include", "includes", "including", "provide", "provides", "providing", "state", "states", "say", "says", "choose",
            "chooses", "chose", "use", "uses", "under", "as", "at", "per", "value", "values", "distribution", "breakdown", "across",
            "agreement", "agreements", "contract", "contracts", "document", "documents", "doc", "docs", "file", "files", "article",
            "articles", "row", "rows", "record", "records", "grid", "clause", "clauses", "provision", "provisions", "term", "terms",
            "set", "out", "can", "could", "would", "should", "will", "may", "one", "ones", "only", "also", "about", "so", "if", "when",
            "other", "others", "kind", "kinds", "type", "types", "different", "period");

    /** Words people use for common grid columns, mapped to a word of the column's name. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("jurisdiction", "law"), Map.entry("governed", "law"), Map.entry("governing", "law"), Map.entry("laws", "law"),
            Map.entry("noncompete", "compete"), Map.entry("non-compete", "compete"), Map.entry("competition", "compete"),
            Map.entry("exclusive", "exclusivity"), Map.entry("assignment", "assignment"), Map.entry("assign", "assignment"),
            Map.entry("dated", "date"), Map.entry("signed", "date"), Map.entry("effective", "date"), Map.entry("when", "date"),
            Map.entry("liability", "liability"), Map.entry("audit", "audit"), Map.entry("audits", "audit"),
            Map.entry("terminate", "termination"), Map.entry("convenience", "convenience"), Map.entry("renew", "renewal"),
            Map.entry("renewals", "renewal"), Map.entry("renews", "renewal"), Map.entry("control", "control"),
            Map.entry("price", "amount"), Map.entry("fee", "amount"), Map.entry("fees", "amount"), Map.entry("cost", "amount"),
            Map.entry("salary", "compensation"), Map.entry("pay", "compensation"), Map.entry("parties", "party"),
            Map.entry("notice", "notice"), Map.entry("days", "days"), Map.entry("expiry", "expiration"), Map.entry("expires", "expiration"));

    private GridQuestions() {}

    public static Result ask(GridTable t, String question) {
        String q = question == null ? "" : question.strip();
        String lower = q.toLowerCase(Locale.ROOT);
        Intent intent = intent(lower);
        List<String> available = available(t);
        // Every column's name words and the values its cells hold.
        Map<Variable, Set<String>> words = new LinkedHashMap<>();
        for (Variable v : t.variables()) words.put(v, nameWords(v.name()));
        Map<String, Set<String>> givenWords = new LinkedHashMap<>();
        for (String g : t.grid().givenColumns()) givenWords.put(g, nameWords(g));
        List<String> terms = terms(lower);
        Map<String, String> near = new LinkedHashMap<>();
        LinkedHashSet<Variable> matched = new LinkedHashSet<>();
        LinkedHashSet<String> matchedGiven = new LinkedHashSet<>();
        List<String> unmatched = new ArrayList<>();
        Map<Variable, List<String>> valueTerms = new LinkedHashMap<>();
        Map<String, List<String>> givenValueTerms = new LinkedHashMap<>();
        for (String term : terms) {
            String syn = SYNONYMS.getOrDefault(term, term);
            boolean found = false;
            for (Map.Entry<Variable, Set<String>> e : words.entrySet()) {
                for (String w : e.getValue()) {
                    double sim = w.equals(syn) ? 1.0 : similarity(term, w);
                    if (w.equals(term) || w.equals(syn) || sim >= NEAR) {
                        matched.add(e.getKey());
                        if (!w.equals(term)) near.put(term, e.getKey().name());
                        found = true;
                    }
                }
            }
            for (Map.Entry<String, Set<String>> e : givenWords.entrySet()) {
                for (String w : e.getValue()) {
                    if (w.equals(term) || w.equals(syn) || similarity(term, w) >= NEAR) {
                        matchedGiven.add(e.getKey());
                        if (!w.equals(term)) near.put(term, e.getKey());
                        found = true;
                    }
                }
            }
            if (found) continue;
            // A value some cell holds ("Delaware", "exclusive") is found: it filters its column.
            for (GridTable.Row r : t.rows()) {
                for (GridTable.Entry e : r.entries()) {
                    if (e.hasValue() && containsWord(e.value().toLowerCase(Locale.ROOT), term)) {
                        valueTerms.computeIfAbsent(e.variable(), k -> new ArrayList<>());
                        if (!valueTerms.get(e.variable()).contains(term)) valueTerms.get(e.variable()).add(term);
                        found = true;
                    }
                }
                for (Map.Entry<String, String> f : r.document().fields().entrySet()) {
                    if (f.getValue() != null && t.grid().givenColumns().contains(f.getKey())
                            && containsWord(f.getValue().toLowerCase(Locale.ROOT), term)) {
                        givenValueTerms.computeIfAbsent(f.getKey(), k -> new ArrayList<>());
                        if (!givenValueTerms.get(f.getKey()).contains(term)) givenValueTerms.get(f.getKey()).add(term);
                        found = true;
                    }
                }
            }
            if (!found && term.matches("\\d+(\\.\\d+)?")) found = true;
            if (!found) unmatched.add(term);
        }
        // A proper name ("Delaware", "New York") no cell holds yet is a value of the text column the question names:
        // the answer is then a count or list of none, not "not available".
        Set<String> capitalised = new LinkedHashSet<>();
        Matcher cap = Pattern.compile("\\b\\p{Lu}[\\p{L}-]*").matcher(q);
        while (cap.find()) if (cap.start() > 0) capitalised.add(cap.group().toLowerCase(Locale.ROOT));
        Variable textColumn = matched.stream().filter(v -> v.type() == ValueType.TEXT || v.type() == ValueType.CATEGORY).findFirst().orElse(null);
        if (textColumn != null) {
            for (String term : List.copyOf(unmatched)) {
                if (!capitalised.contains(term)) continue;
                unmatched.remove(term);
                valueTerms.computeIfAbsent(textColumn, k -> new ArrayList<>()).add(term);
            }
        }
        // A column whose values were named is part of the question even when its name was not.
        for (Variable v : valueTerms.keySet()) matched.add(v);
        List<String> matchedNames = new ArrayList<>(matched.stream().map(Variable::name).toList());
        matchedNames.addAll(matchedGiven);
        for (String g : givenValueTerms.keySet()) if (!matchedNames.contains(g)) matchedNames.add(g);
        if (!unmatched.isEmpty() || matched.isEmpty() && matchedGiven.isEmpty() && givenValueTerms.isEmpty()) {
            String what = unmatched.isEmpty() ? "what the question asks" : "'" + String.join(" ", unmatched) + "'";
            String answer = "Not available: the grid has no column for " + what + ". Its columns are " + String.join(", ", available) + ".";
            return new Result("not_available", intent, answer, List.of(), available, suggestions(t), matchedNames, unmatched, near);
        }
        return answer(t, lower, intent, new ArrayList<>(matched), valueTerms, givenValueTerms, available, matchedNames, near);
    }

    private static Result answer(GridTable t, String lower, Intent intent, List<Variable> matched, Map<Variable, List<String>> valueTerms,
                                 Map<String, List<String>> givenValueTerms, List<String> available, List<String> matchedNames,
                                 Map<String, String> near) {
        boolean negated = Pattern.compile("\\b(without|no|not|lack|lacks|lacking|missing)\\b").matcher(lower).find();
        // The rows the question selects: each filter column holds the value named, BOOLEAN columns named say yes (no when negated).
        List<GridTable.Row> rows = new ArrayList<>();
        List<CellRef> cited = new ArrayList<>();
        Variable target = pickTarget(matched, valueTerms, intent);
        for (GridTable.Row r : t.rows()) {
            boolean keep = true;
            for (Map.Entry<Variable, List<String>> f : valueTerms.entrySet()) {
                GridTable.Entry e = r.entry(f.getKey().name());
                String v = e == null || !e.hasValue() ? "" : e.value().toLowerCase(Locale.ROOT);
                if (f.getValue().stream().noneMatch(term -> containsWord(v, term))) keep = false;
            }
            for (Map.Entry<String, List<String>> f : givenValueTerms.entrySet()) {
                String v = r.document().fields().getOrDefault(f.getKey(), "");
                if (f.getValue().stream().noneMatch(term -> containsWord(v.toLowerCase(Locale.ROOT), term))) keep = false;
            }
            for (Variable v : matched) {
                if (v.type() != ValueType.BOOLEAN || valueTerms.containsKey(v) || intent == Intent.COMPARISON) continue;
                GridTable.Entry e = r.entry(v.name());
                String val = e == null || e.value() == null ? "" : Agreement.key(e.value());
                if (!(negated ? val.equals("no") : val.equals("yes"))) keep = false;
            }
            if (keep) rows.add(r);
        }
        String answer;
        switch (intent) {
            case AGGREGATE -> {
                if (target == null) target = matched.get(0);
                answer = aggregate(lower, target, rows, cited);
            }
            case COMPARISON -> {
                if (target == null) target = matched.get(0);
                answer = distribution(target, rows, cited);
            }
            case LIST, FILTER -> {
                Variable show = target != null ? target : matched.isEmpty() ? null : matched.get(0);
                for (GridTable.Row r : rows) cite(cited, r, show);
                answer = rows.isEmpty() ? "No document matches." : rows.size() + " document" + (rows.size() == 1 ? "" : "s") + ": "
                        + String.join(", ", rows.stream().limit(50).map(r -> r.document().fileName()
                        + (show == null ? "" : " (" + display(r.entry(show.name())) + ")")).toList()) + (rows.size() > 50 ? ", …" : "") + ".";
            }
            default -> {
                // COUNT, and a question of no clear kind about a column: count the rows that hold it.
                Variable show = target != null ? target : matched.isEmpty() ? null : matched.get(0);
                List<GridTable.Row> counted = new ArrayList<>();
                for (GridTable.Row r : rows) {
                    GridTable.Entry e = show == null ? null : r.entry(show.name());
                    if (show == null || valueTerms.containsKey(show) || show.type() == ValueType.BOOLEAN || e != null && e.hasValue()) counted.add(r);
                }
                for (GridTable.Row r : counted) cite(cited, r, show);
                answer = counted.size() + " of " + t.rows().size() + " documents" + describeFilter(valueTerms, givenValueTerms, matched, negated) + ".";
            }
        }
        return new Result("answered", intent, answer, cited.size() > MAX_CITED ? cited.subList(0, MAX_CITED) : cited, available,
                List.of(), matchedNames, List.of(), near);
    }

    private static Variable pickTarget(List<Variable> matched, Map<Variable, List<String>> valueTerms, Intent intent) {
        if (intent == Intent.AGGREGATE) {
            for (Variable v : matched) if (v.type() == ValueType.NUMBER || v.type() == ValueType.DATE) return v;
        }
        for (Variable v : matched) if (!valueTerms.containsKey(v)) return v;
        return matched.isEmpty() ? null : matched.get(0);
    }

    private static String aggregate(String lower, Variable v, List<GridTable.Row> rows, List<CellRef> cited) {
        if (v.type() == ValueType.DATE) {
            List<Object[]> dates = new ArrayList<>();
            for (GridTable.Row r : rows) {
                GridTable.Entry e = r.entry(v.name());
                if (e == null || !e.hasValue()) continue;
                try {
                    dates.add(new Object[] {LocalDate.parse(e.value()), r});
                } catch (RuntimeException ignored) {
                    // not an ISO date: left out of the aggregate
                }
            }
            if (dates.isEmpty()) return "No document states " + words(v) + ".";
            dates.sort(Comparator.comparing(a -> (LocalDate) a[0]));
            boolean latest = lower.matches(".*\\b(latest|newest|most recent|last)\\b.*");
            Object[] pick = latest ? dates.get(dates.size() - 1) : dates.get(0);
            GridTable.Row r = (GridTable.Row) pick[1];
            cite(cited, r, v);
            return (latest ? "The latest " : "The earliest ") + words(v) + " is " + pick[0] + " (" + r.document().fileName() + "), of "
                    + dates.size() + " documents that state one.";
        }
        List<BigDecimal> nums = new ArrayList<>();
        for (GridTable.Row r : rows) {
            GridTable.Entry e = r.entry(v.name());
            if (e == null || !e.hasValue()) continue;
            BigDecimal n = number(e.value());
            if (n == null) continue;
            nums.add(n);
            cite(cited, r, v);
        }
        if (nums.isEmpty()) {
            return v.type() == ValueType.NUMBER ? "No document states " + words(v) + "." : distribution(v, rows, cited);
        }
        String unit = "";
        for (GridTable.Row r : rows) {
            GridTable.Entry e = r.entry(v.name());
            if (e != null && e.cell() != null && e.cell().unit() != null) {
                unit = " " + e.cell().unit();
                break;
            }
        }
        double sum = nums.stream().mapToDouble(BigDecimal::doubleValue).sum();
        String label;
        double value;
        if (lower.matches(".*\\b(max|maximum|highest|longest|largest|most)\\b.*")) {
            label = "The largest";
            value = nums.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        } else if (lower.matches(".*\\b(min|minimum|lowest|shortest|smallest|least)\\b.*")) {
            label = "The smallest";
            value = nums.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
        } else if (lower.matches(".*\\b(sum|total)\\b.*")) {
            label = "The total";
            value = sum;
        } else if (lower.contains("median")) {
            List<Double> s = nums.stream().map(BigDecimal::doubleValue).sorted().toList();
            label = "The median";
            value = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        } else {
            label = "The average";
            value = sum / nums.size();
        }
        return label + " " + words(v) + " is " + fmt(value) + unit + ", over " + nums.size() + " document" + (nums.size() == 1 ? "" : "s")
                + " that state one.";
    }

    private static String distribution(Variable v, List<GridTable.Row> rows, List<CellRef> cited) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GridTable.Row r : rows) {
            GridTable.Entry e = r.entry(v.name());
            String val = e == null || e.value() == null ? null : e.value().isEmpty() ? "not stated" : e.value();
            if (val == null) continue;
            counts.merge(val, 1, Integer::sum);
            cite(cited, r, v);
        }
        if (counts.isEmpty()) return "No document has a value for " + words(v) + " yet.";
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return "By " + words(v) + ": " + String.join(", ", sorted.stream().limit(15).map(e -> e.getKey() + " " + e.getValue()).toList())
                + (sorted.size() > 15 ? ", …" : "") + ".";
    }

    private static String describeFilter(Map<Variable, List<String>> valueTerms, Map<String, List<String>> given, List<Variable> matched,
                                         boolean negated) {
        List<String> parts = new ArrayList<>();
        valueTerms.forEach((v, terms) -> parts.add(words(v) + " " + String.join(" or ", terms)));
        given.forEach((g, terms) -> parts.add(g + " " + String.join(" or ", terms)));
        for (Variable v : matched) {
            if (v.type() == ValueType.BOOLEAN && !valueTerms.containsKey(v)) parts.add((negated ? "no " : "") + words(v));
            else if (!valueTerms.containsKey(v)) parts.add("stating " + words(v));
        }
        return parts.isEmpty() ? "" : " with " + String.join(" and ", parts);
    }

    private static void cite(List<CellRef> cited, GridTable.Row r, Variable v) {
        if (v == null) {
            cited.add(new CellRef(r.document().fileName(), r.document().id(), null, null));
            return;
        }
        GridTable.Entry e = r.entry(v.name());
        cited.add(new CellRef(r.document().fileName(), r.document().id(), v.name(), e == null ? null : e.value()));
    }

    private static String display(GridTable.Entry e) {
        return e == null || e.value() == null ? "no value yet" : e.value().isEmpty() ? "not stated" : e.value();
    }

    /**
     * Exactly three questions this grid answers, from its columns (different columns first, then other kinds of
     * question about the same ones).
     */
    public static List<String> suggestions(GridTable t) {
        List<String> out = new ArrayList<>();
        List<Variable> vars = t.variables();
        for (int round = 0; round < 3 && out.size() < 3; round++) {
            for (Variable v : vars) {
                if (out.size() == 3) break;
                String s = suggestion(v, round);
                if (!out.contains(s)) out.add(s);
            }
        }
        String[] fallback = {"How many documents are in the grid?", "List the documents of the grid.", "Which documents have been reviewed?"};
        for (int i = 0; out.size() < 3; i++) out.add(fallback[i]);
        return out;
    }

    private static String suggestion(Variable v, int round) {
        String w = words(v);
        return switch (v.type()) {
            case BOOLEAN -> round == 0 ? "How many documents have " + w + "?" : round == 1 ? "List the documents with " + w + "."
                    : "How many documents have no " + w + "?";
            case NUMBER -> round == 0 ? "What is the average " + w + "?" : round == 1 ? "What is the largest " + w + "?"
                    : "What is the smallest " + w + "?";
            case DATE -> round == 0 ? "What is the earliest " + w + "?" : round == 1 ? "What is the latest " + w + "?"
                    : "How many documents state " + w + "?";
            default -> round == 0 ? "Compare the documents by " + w + "." : round == 1 ? "List the " + w + " of each document."
                    : "How many documents state " + w + "?";
        };
    }

    static List<String> available(GridTable t) {
        List<String> out = new ArrayList<>(t.variables().stream().map(Variable::name).toList());
        out.addAll(t.grid().givenColumns());
        return out;
    }

    static Intent intent(String q) {
        if (q.matches(".*\\b(how many|number of|count)\\b.*")) return Intent.COUNT;
        if (q.matches(".*\\b(average|mean|median|sum|total|max|maximum|min|minimum|highest|lowest|longest|shortest|largest|smallest|earliest|latest|oldest|newest)\\b.*")) {
            return Intent.AGGREGATE;
        }
        if (q.matches(".*\\b(compare|comparison|versus|vs|breakdown|distribution)\\b.*")) return Intent.COMPARISON;
        if (q.matches("^(list|show|which|what are|name)\\b.*")) return Intent.LIST;
        if (q.matches(".*\\b(where|with|that have|having|without)\\b.*")) return Intent.FILTER;
        return Intent.UNKNOWN;
    }

    /** The question's content words: lower case, without stop words, hyphenated words also split. */
    static List<String> terms(String lower) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*").matcher(lower);
        while (m.find()) {
            String w = m.group().replaceAll("'s$", "").replaceAll("^-+|-+$", "");
            if (w.isEmpty()) continue;
            String joined = w.replace("-", "");
            if (STOP.contains(w) || STOP.contains(joined)) continue;
            if (SYNONYMS.containsKey(w)) {
                out.add(w);
                continue;
            }
            if (w.contains("-")) {
                for (String part : w.split("-")) if (!part.isEmpty() && !STOP.contains(part)) out.add(part);
            } else {
                out.add(w);
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(out));
    }

    /** A column's name as words: split at underscores and case changes, each also without a plural s. */
    static Set<String> nameWords(String name) {
        Set<String> out = new LinkedHashSet<>();
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String w : spaced.split("[_\\s]+")) {
            if (w.isEmpty() || STOP.contains(w) && !w.equals("date") && !w.equals("term") && !w.equals("period")) continue;
            out.add(w);
            if (w.endsWith("s") && w.length() > 3) out.add(w.substring(0, w.length() - 1));
        }
        out.add(spaced.replace("_", ""));
        return out;
    }

    static String words(Variable v) {
        return v.name().replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static boolean containsWord(String haystack, String word) {
        if (word.length() < 3) return false;
        return Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(haystack).find();
    }

    private static BigDecimal number(String v) {
        Matcher m = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?").matcher(v);
        if (!m.find()) return null;
        try {
            return new BigDecimal(m.group().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String fmt(double d) {
        return BigDecimal.valueOf(Math.round(d * 100) / 100.0).stripTrailingZeros().toPlainString();
    }

    /** Ratcliff/Obershelp similarity (Python's difflib.SequenceMatcher ratio, as seed 003 uses): 2·matches / total length. */
    public static double similarity(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) return 1.0;
        return 2.0 * matches(a, 0, a.length(), b, 0, b.length()) / (a.length() + b.length());
    }

    private static int matches(String a, int a0, int a1, String b, int b0, int b1) {
        int best = 0;
        int bi = a0;
        int bj = b0;
        for (int i = a0; i < a1; i++) {
            for (int j = b0; j < b1; j++) {
                int k = 0;
                while (i + k < a1 && j + k < b1 && a.charAt(i + k) == b.charAt(j + k)) k++;
                if (k > best) {
                    best = k;
                    bi = i;
                    bj = j;
                }
            }
        }
        if (best == 0) return 0;
        return best + matches(a, a0, bi, b, b0, bj) + matches(a, bi + best, a1, b, bj + best, b1);
    }
}
