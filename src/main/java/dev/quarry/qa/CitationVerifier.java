package dev.quarry.qa;

import dev.quarry.evidence.QuoteCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every claim of a generated answer against the exact text of the sources it cites: a marker
 * that points at no source ([7] of 5) and a quotation that is not in the cited chunk are flagged, never
 * shown as supported; whatever the model or a document's text says, this check runs.
 */
public final class CitationVerifier {
    static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*[,;–-]\\s*\\d{1,3})*)]");
    private static final Pattern QUOTE = Pattern.compile("[\"“]([^\"“”]{12,})[\"”]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"“(\\[])|\\n+");
    /** Share of a claim's content words that must appear in its cited sources to count as supported. */
    static final double MIN_OVERLAP = 0.3;
    /** An elision inside a quotation: the parts on either side must each be in the source, in order. */
    private static final Pattern ELLIPSIS = Pattern.compile("\\s*(?:…|\\.\\s?\\.\\s?\\.|\\[\\s*(?:…|\\.\\.\\.)\\s*])\\s*");
    /** A figure in a claim: digits, with thousands separators or decimals ($99,000.50, 12.5, 2019, 30), not part of a word or code. */
    private static final Pattern FIGURE = Pattern.compile("(?<![\\p{L}\\d_./-])\\d+(?:[.,]\\d+)*(?![\\p{L}\\d_/-])");
    /** Any run of digits in a source (a source's "US$12,500" or "30days" still has the figure). */
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:[.,]\\d+)*");
    /** Numbers that name a source or a place, not a fact: "Source 2", "p. 4", "(lease.pdf, p. 3, ACME0001)". */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\((?:[^()]*,\\s*)?pp?\\.\\s*\\d+[^()]*\\)|\\b(?:[Ss]ources?|[Pp]ages?|pp?\\.)\\s*\\d+(?:\\s*(?:,|and|&|–|-)\\s*\\d+)*");

    public record Result(Verification verification, String annotatedAnswer, Set<Integer> citedRanks,
                         Set<Integer> verifiedRanks, java.util.Map<Integer, String> quoteByRank) {}

    public Result verify(String answer, List<Passage> sources) {
        List<Verification.Claim> claims = new ArrayList<>();
        Set<Integer> cited = new LinkedHashSet<>();
        Set<Integer> verified = new LinkedHashSet<>();
        java.util.Map<Integer, String> quoteByRank = new java.util.HashMap<>();
        int supported = 0;
        int flagged = 0;
        for (String sentence : SENTENCE_END.split(answer.strip())) {
            String s = sentence.strip();
            if (s.isEmpty()) continue;
            // A bracketed number inside a quotation is the document's text, not the model's citation.
            List<Integer> markers = markers(maskQuotes(s));
            String bare = MARKER.matcher(s).replaceAll(" ");
            List<Integer> invalid = markers.stream().filter(n -> n < 1 || n > sources.size()).toList();
            List<Integer> valid = markers.stream().filter(n -> n >= 1 && n <= sources.size()).toList();
            cited.addAll(valid);
            String status;
            String detail = null;
            if (!invalid.isEmpty()) {
                status = "invalid_source";
                detail = "cites " + invalid.stream().map(n -> "[" + n + "]").toList() + " but only " + sources.size()
                        + " sources were given";
            } else if (valid.isEmpty()) {
                // Headings, lead-ins and very short sentences carry no claim to check.
                if (Terms.content(bare).size() < 4) continue;
                status = "uncited";
            } else {
                StringBuilder citedText = new StringBuilder();
                Set<String> citedStems = new LinkedHashSet<>();
                for (int n : valid) {
                    citedText.append(Terms.normalise(sources.get(n - 1).text())).append('\n');
                    citedStems.addAll(Terms.stems(sources.get(n - 1).text()));
                }
                String missingQuote = null;
                Matcher q = QUOTE.matcher(bare);
                boolean hadQuote = false;
                while (q.find()) {
                    hadQuote = true;
                    List<String> parts = quoteParts(q.group(1));
                    if (!inOrder(citedText, parts)) {
                        missingQuote = q.group(1);
                        break;
                    }
                    // The preview centres on the quotation as written (its first part when elided), as before.
                    String shown = parts.size() == 1 ? q.group(1) : ELLIPSIS.split(q.group(1))[0];
                    for (int n : valid) {
                        if (inOrder(Terms.normalise(sources.get(n - 1).text()), parts)) quoteByRank.putIfAbsent(n, shown);
                    }
                }
                String missingNumber = missingNumber(maskQuotes(bare), citedText);
                if (missingQuote != null) {
                    status = "quote_not_in_source";
                    detail = "the quotation \"" + clip(missingQuote) + "\" is not in source " + valid;
                } else if (missingNumber != null) {
                    status = "number_not_in_source";
                    detail = "the figure " + missingNumber + " is not in source " + valid;
                } else {
                    Set<String> claimStems = Terms.stems(bare);
                    long hit = claimStems.stream().filter(citedStems::contains).count();
                    double overlap = claimStems.isEmpty() ? 1 : (double) hit / claimStems.size();
                    status = hadQuote || overlap >= MIN_OVERLAP ? "supported" : "weak_support";
                    if (status.equals("weak_support")) detail = "few of the sentence's words are in source " + valid;
                    if (status.equals("supported")) verified.addAll(valid);
                }
            }
            if (status.equals("supported")) supported++;
            if (Verification.isFailure(status)) flagged++;
            claims.add(new Verification.Claim(s, markers, status, detail));
        }
        return new Result(new Verification(claims, supported, flagged), markUnsupported(annotate(answer, sources.size()), claims),
                cited, verified, quoteByRank);
    }

    /** The quotation's parts as they must appear in the source (see {@link QuoteCheck#parts}). */
    static List<String> quoteParts(String quote) {
        return QuoteCheck.parts(quote);
    }

    /** Whether the parts are all in the (already normalised) text, in order: {@link QuoteCheck}'s rule. */
    private static boolean inOrder(CharSequence text, List<String> parts) {
        String t = text.toString();
        int from = 0;
        for (String p : parts) {
            int at = t.indexOf(p, from);
            if (at < 0) return false;
            from = at + p.length();
        }
        return true;
    }

    /**
     * The first figure of a claim that its cited sources do not contain ($99,000 against a source that says
     * $12,500), or null. Figures compare without thousands separators; a source's "thirty (30)" has 30.
     * Quotations (checked whole above) and references to sources and pages are not claims of fact.
     */
    static String missingNumber(String claim, CharSequence cited) {
        Set<String> have = new java.util.HashSet<>();
        Matcher m = DIGITS.matcher(cited);
        while (m.find()) have.add(figure(m.group()));
        Matcher c = FIGURE.matcher(REFERENCE.matcher(claim).replaceAll(" "));
        while (c.find()) {
            if (!have.contains(figure(c.group()))) return c.group();
        }
        return null;
    }

    private static String figure(String digits) {
        String f = digits.replaceAll(",(?=\\d{3}(?:\\D|$))", "");
        return f.contains(".") ? f.replaceAll("\\.?0+$", "") : f;
    }

    /** Puts "[not verified]" after every sentence whose claim the sources do not bear out, so no reader takes it as supported. */
    static String markUnsupported(String answer, List<Verification.Claim> claims) {
        String out = answer;
        int from = 0;
        for (Verification.Claim c : claims) {
            int at = out.indexOf(c.sentence(), from);
            if (at < 0) continue;
            int end = at + c.sentence().length();
            if (c.status().equals("supported") || c.status().equals("invalid_source")) {
                from = end;
                continue;
            }
            String mark = " [not verified]";
            out = out.substring(0, end) + mark + out.substring(end);
            from = end + mark.length();
        }
        return out;
    }

    /** Marks each out-of-range marker in the answer so a reader never takes it for a real source. */
    static String annotate(String answer, int sources) {
        Matcher m = MARKER.matcher(maskQuotes(answer));
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            List<Integer> ns = parse(m.group(1));
            boolean bad = ns.stream().anyMatch(n -> n < 1 || n > sources);
            sb.append(answer, last, m.start()).append(bad ? "[" + m.group(1) + ": no such source]" : m.group());
            last = m.end();
        }
        return sb.append(answer.substring(last)).toString();
    }

    /** The text with every quotation's inside blanked out (same length, so offsets still match). */
    static String maskQuotes(String s) {
        Matcher q = Pattern.compile("[\"“][^\"“”]*[\"”]").matcher(s);
        StringBuilder sb = new StringBuilder(s);
        while (q.find()) for (int i = q.start() + 1; i < q.end() - 1; i++) sb.setCharAt(i, ' ');
        return sb.toString();
    }

    static List<Integer> markers(String s) {
        List<Integer> out = new ArrayList<>();
        Matcher m = MARKER.matcher(s);
        while (m.find()) for (int n : parse(m.group(1))) if (!out.contains(n)) out.add(n);
        return out;
    }

    private static List<Integer> parse(String inside) {
        List<Integer> out = new ArrayList<>();
        String[] parts = inside.split("\\s*[,;]\\s*");
        for (String p : parts) {
            String[] range = p.split("\\s*[–-]\\s*");
            if (range.length == 2) {
                int a = Integer.parseInt(range[0]);
                int b = Integer.parseInt(range[1]);
                for (int i = a; i <= Math.min(b, a + 20); i++) out.add(i);
            } else {
                out.add(Integer.parseInt(range[0]));
            }
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 119) + "…";
    }
}
