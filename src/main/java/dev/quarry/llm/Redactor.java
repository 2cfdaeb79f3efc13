package dev.quarry.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses, phone numbers, SSNs, card numbers and account numbers with placeholders such
 * as {@code [EMAIL_1]} before text leaves the machine, and puts the originals back into the answer. The
 * same value always gets the same placeholder within one call, so the model can still reason about it.
 * Patterns favour recall for US-style legal productions; they are not a guarantee (the audit says so).
 */
public final class Redactor {
    private record Rule(String kind, Pattern pattern, int group) {}

    private static final List<Rule> RULES = List.of(
            new Rule("EMAIL", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"), 0),
            new Rule("SSN", Pattern.compile("\\b(?!000|666|9\\d\\d)\\d{3}-\\d{2}-\\d{4}\\b"), 0),
            new Rule("CARD", Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b"), 0),
            new Rule("ACCOUNT", Pattern.compile("(?i)\\b(?:account|acct|a/c|iban|routing)(?:\\s+(?:no\\.?|number|#))?\\s*[:#]?\\s*"
                    + "((?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{5,33})\\b"), 1),
            new Rule("ACCOUNT", Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b"), 0),
            new Rule("PHONE", Pattern.compile("(?<![\\w-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}\\b"), 0),
            new Rule("PHONE", Pattern.compile("(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}\\b"), 0));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|SSN|CARD|ACCOUNT|PHONE)_(\\d+)]");

    /** Placeholder → original, for one call. */
    private final Map<String, String> originals = new LinkedHashMap<>();
    private final Map<String, String> byValue = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            StringBuilder sb = new StringBuilder();
            int last = 0;
            while (m.find()) {
                String value = m.group(rule.group());
                if (value == null || PLACEHOLDER.matcher(value).matches()) continue;
                if (rule.kind().equals("CARD") && !luhn(value)) continue;
                String ph = byValue.computeIfAbsent(rule.kind() + "\u0000" + value, k -> {
                    int n = counts.merge(rule.kind(), 1, Integer::sum);
                    String p = "[" + rule.kind() + "_" + n + "]";
                    originals.put(p, value);
                    return p;
                });
                sb.append(out, last, m.start(rule.group())).append(ph);
                last = m.end(rule.group());
            }
            sb.append(out.substring(last));
            out = sb.toString();
        }
        return out;
    }

    /** Puts the originals back wherever the model repeated a placeholder. */
    public String restore(String text) {
        if (text == null || originals.isEmpty()) return text;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String orig = originals.get(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(orig != null ? orig : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** How many distinct values of each kind were replaced (never the values themselves). */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    public int total() {
        return originals.size();
    }

    /**
     * Wraps a token consumer so placeholders split across streamed pieces are restored whole: text from an
     * unclosed '[' is held back until the bracket closes or it grows too long to be a placeholder.
     */
    public java.util.function.Consumer<String> restoring(java.util.function.Consumer<String> onToken, StringBuilder pendingOut) {
        return piece -> {
            pendingOut.append(piece);
            int open = pendingOut.lastIndexOf("[");
            int hold = open >= 0 && pendingOut.indexOf("]", open) < 0 && pendingOut.length() - open < 16 ? open : pendingOut.length();
            if (hold > 0) {
                onToken.accept(restore(pendingOut.substring(0, hold)));
                pendingOut.delete(0, hold);
            }
        };
    }

    static boolean luhn(String s) {
        List<Integer> digits = new ArrayList<>();
        for (char c : s.toCharArray()) if (Character.isDigit(c)) digits.add(c - '0');
        if (digits.size() < 13 || digits.size() > 19) return false;
        int sum = 0;
        for (int i = 0; i < digits.size(); i++) {
            int d = digits.get(digits.size() - 1 - i);
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
