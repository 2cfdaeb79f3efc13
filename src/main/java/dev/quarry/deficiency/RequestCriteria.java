package dev.quarry.deficiency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request (or one of its sub-parts) asks for, as tests a document can pass: the clauses or subject
 * matter it must contain (any or all of them), the years it must have been executed in, the law that must
 * govern it and a party it must name. The definitions give the defined terms their meaning (PLAINTIFF is the
 * plaintiff's name; EXECUTED dates are the agreement's own date).
 *
 * @param clauses      clause or subject-matter phrases as the request words them ("source code escrow provision")
 * @param matchAll     every clause is needed ("... and that also contain ..."), else any one
 * @param yearFrom     executed in or after this year, or null
 * @param yearTo       executed in or before this year, or null
 * @param governingLaw the jurisdiction that must govern ("Vermont"), or null
 * @param party        a party the agreement must name, or null
 * @param explained    the tests in words, for the rationale
 */
public record RequestCriteria(List<String> clauses, boolean matchAll, Integer yearFrom, Integer yearTo,
                              String governingLaw, String party, String explained) {
    public RequestCriteria {
        clauses = List.copyOf(clauses);
    }

    /** Whether the request sets any test at all (a request with none is every document of the sets). */
    public boolean empty() {
        return clauses.isEmpty() && yearFrom == null && yearTo == null && governingLaw == null && party == null;
    }

    public boolean dated() {
        return yearFrom != null || yearTo != null;
    }

    private static final String MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
    private static final String DATE = "(?:" + MONTH + "\\s+\\d{1,2},\\s+(\\d{4})|(\\d{4}))";
    private static final Pattern BETWEEN = Pattern.compile("(?i)(?:executed|entered into|dated|signed)?\\s*(?:at any time\\s+)?(?:between|from)\\s+" + DATE
            + "\\s+(?:and|through|to|until)\\s+" + DATE);
    private static final Pattern ON_OR_BEFORE = Pattern.compile("(?i)(?:executed|entered into|dated|signed)\\s+(on or before|before|prior to)\\s+" + DATE);
    private static final Pattern ON_OR_AFTER = Pattern.compile("(?i)(?:executed|entered into|dated|signed)\\s+(on or after|after|since)\\s+" + DATE);
    private static final Pattern IN_YEAR = Pattern.compile("(?i)(?:executed|entered into|dated|signed)\\s+(?:in|during)\\s+(\\d{4})\\b");
    private static final Pattern LAW = Pattern.compile(
            "(?i)governed by (?:the )?laws? of (?:the )?(?:(?:State|Commonwealth|Province|Republic|Kingdom) of )?([A-Z][A-Za-z .'-]+?)(?=\\s+(?:that|and|which|containing|including|or)\\b|[,;.]|$)");
    private static final Pattern CHOICE_OF_LAW = Pattern.compile(
            "(?i)(?:that (?:contains?|includes?)|containing|including) (?:any |a )?(?:choice[- ]of[- ]law|governing[- ]law) (?:provision|clause) (?:selecting|designating|choosing|providing for|in favou?r of) (?:the )?laws? of (?:the )?(?:(?:State|Commonwealth|Province|Republic|Kingdom) of )?([A-Z][A-Za-z .'-]+?)(?=\\s+(?:that|and|which|containing|including|or)\\b|[,;.]|$)");
    private static final Pattern TO_WHICH = Pattern.compile("(?i)to which (?:both )?(.+?) (?:is|are) (?:a )?part(?:y|ies)\\b");
    private static final Pattern BETWEEN_PARTIES = Pattern.compile("(?:between|with) YOU and ([A-Z0-9][^;]*?)(?=,? (?:that|including|containing|whether)\\b|[;]|\\.?$)");
    private static final Pattern CLAUSE_START = Pattern.compile("(?i)\\b(?:that (?:also )?(?:contains?|includes?)|containing|including) (?:any |an |a )?");
    private static final Pattern TAIL = Pattern.compile(
            "(?i),?\\s*(?:whether (?:currently )?in effect or expired or terminated|including all amendments, exhibits, and schedules thereto|"
                    + "together with all amendments.*)\\s*$");

    /** The tests of one request or sub-part text. */
    public static RequestCriteria of(String text, Map<String, String> definitions, String plaintiff) {
        String t = text.replaceAll("\\s+", " ").strip().replaceFirst("(?i)[;,]?\\s*(?:and|or)?\\s*$", "").replaceFirst("[.;]$", "");
        String prev;
        do {
            prev = t;
            t = TAIL.matcher(t).replaceFirst("").strip();
        } while (!t.equals(prev));
        List<String> said = new ArrayList<>();
        Integer from = null, to = null;
        Matcher m;
        if ((m = BETWEEN.matcher(t)).find() && (m.group(0).toLowerCase(Locale.ROOT).contains("executed") || m.group(0).toLowerCase(Locale.ROOT).contains("entered")
                || m.group(0).toLowerCase(Locale.ROOT).contains("dated") || m.group(0).toLowerCase(Locale.ROOT).contains("signed") || m.group(0).contains("at any time"))) {
            from = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            to = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(4));
            t = cut(t, m);
        } else if ((m = ON_OR_BEFORE.matcher(t)).find()) {
            int y = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            boolean strict = !m.group(1).toLowerCase(Locale.ROOT).startsWith("on or") && m.group(0).matches("(?i).*January 1,.*");
            to = strict ? y - 1 : y;
            t = cut(t, m);
        } else if ((m = ON_OR_AFTER.matcher(t)).find()) {
            int y = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            boolean strict = !m.group(1).toLowerCase(Locale.ROOT).startsWith("on or") && m.group(0).matches("(?i).*December 31,.*");
            from = strict ? y + 1 : y;
            t = cut(t, m);
        } else if ((m = IN_YEAR.matcher(t)).find()) {
            from = to = Integer.parseInt(m.group(1));
            t = cut(t, m);
        }
        if (from != null || to != null) {
            said.add("executed " + (from != null && to != null ? (from.equals(to) ? "in " + from : "between " + from + " and " + to)
                    : from != null ? "in or after " + from : "in or before " + to) + " (the agreement's own date, as EXECUTED is defined)");
        }
        String law = null;
        Matcher choice = CHOICE_OF_LAW.matcher(t);
        if (choice.find()) {
            law = choice.group(1).strip();
            t = cut(t, choice);
            said.add("governed by the law of " + law);
        } else if ((m = LAW.matcher(t)).find()) {
            law = m.group(1).strip();
            t = cut(t, m);
            said.add("governed by the law of " + law);
        }
        String party = null;
        if ((m = TO_WHICH.matcher(t)).find()) {
            party = partyName(m.group(1), definitions, plaintiff);
            t = cut(t, m);
        } else if ((m = BETWEEN_PARTIES.matcher(t)).find()) {
            party = partyName(m.group(1), definitions, plaintiff);
            t = cut(t, m);
        }
        if (party != null) said.add("naming " + party + " as a party");
        List<String> clauses = new ArrayList<>();
        boolean all = false;
        if ((m = CLAUSE_START.matcher(t)).find()) {
            String rest = t.substring(m.end()).strip();
            String[] ands = rest.split("(?i),? and that also (?:contains?|includes?) (?:any |an |a )?|,? and also (?:contains?|includes?) (?:any |an |a )?");
            if (ands.length > 1) {
                all = true;
                for (String a : ands) clauses.add(trimClause(a));
            } else {
                for (String o : rest.split("(?i),? or (?:any|an) ")) clauses.add(trimClause(o));
            }
            clauses.removeIf(String::isBlank);
            if (!clauses.isEmpty()) {
                said.add((clauses.size() == 1 ? "containing " : all ? "containing all of: " : "containing any of: ")
                        + String.join(all ? "; " : " / ", clauses));
            }
        }
        return new RequestCriteria(clauses, all, from, to, law, party, String.join("; ", said));
    }

    private static String trimClause(String s) {
        return s.replaceFirst("(?i)^(?:any|an|a)\\s+", "").replaceFirst("[,;.]\\s*$", "").strip();
    }

    private static String cut(String t, Matcher m) {
        return (t.substring(0, m.start()) + " " + t.substring(m.end())).replaceAll("\\s+", " ").strip();
    }

    /** A party named in a request: PLAINTIFF (and the like) is read through the definitions. */
    static String partyName(String raw, Map<String, String> definitions, String plaintiff) {
        String p = raw.replaceFirst("(?i)^YOU and ", "").strip().replaceFirst(",$", "");
        String key = p.toUpperCase(Locale.ROOT);
        if (key.equals("PLAINTIFF") || key.equals("PLAINTIFFS")) {
            String def = definitions.get("PLAINTIFF");
            if (def != null) {
                Matcher m = Pattern.compile("^(?:Plaintiff\\s+)?([A-Z][^,]*?(?:,\\s*(?:Inc|LLC|L\\.L\\.C|Ltd|Corp|Co|LP|LLP|N\\.A)\\.?)?)(?:\\s+and\\b|,|$)").matcher(def.strip());
                if (m.find()) return m.group(1).strip();
            }
            return plaintiff;
        }
        return p;
    }
}
