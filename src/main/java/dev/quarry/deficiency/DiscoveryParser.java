package dev.quarry.deficiency;

import dev.quarry.deficiency.model.Caption;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Posture;
import dev.quarry.documents.FileText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requests for production and the written responses to them, federal (FRCP 26/34) or California
 * (CCP 2031.010-.310) style, from the text the importers extract (DOCX or PDF). Every part it cannot find is
 * a {@link ParseFailure} naming that part; nothing is guessed silently.
 */
public final class DiscoveryParser {
    private DiscoveryParser() {}

    static final Pattern REQUEST_HEAD = Pattern.compile(
            "^(?:(?:SPECIAL\\s+)?REQUEST|DEMAND)\\s+(?:FOR\\s+PRODUCTION\\s+)?(?:OF\\s+DOCUMENTS\\s+)?NO\\.?\\s*(\\d+)\\s*[:.]?\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    static final Pattern RESPONSE_HEAD = Pattern.compile(
            "^RESPONSE\\s+TO\\s+(?:(?:SPECIAL\\s+)?REQUEST|DEMAND)\\s+(?:FOR\\s+PRODUCTION\\s+)?(?:OF\\s+DOCUMENTS\\s+)?NO\\.?\\s*(\\d+)\\s*[:.]?\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern END_OF_BODY = Pattern.compile("^(?:Dated:|DATED:|VERIFICATION$|By:\\s|Respectfully submitted)");
    private static final Pattern CASE_NO = Pattern.compile("Case\\s+No\\.?:?\\s*([A-Za-z0-9][A-Za-z0-9:.\\-]*[A-Za-z0-9])");
    private static final Pattern SUB_PART = Pattern.compile("(?:^|(?<=[\\s:;]))\\(([a-z])\\)\\s+");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,3})\\.\\s*(.+)$");
    private static final Pattern TERM = Pattern.compile("[\"“]([A-Z][A-Za-z' ]*?)[\"”]");
    private static final Pattern DEF_VERB = Pattern.compile("\\s(?:means?|mean|has the|shall mean|refers? to|is defined)\\b");

    // ---- requests -------------------------------------------------------------------------------------

    /** Parses a requests-for-production document. */
    public static ParsedRequests requests(FileText.Text text) {
        String file = text.fileName();
        List<String> paras = DiscoveryText.paragraphs(text.pages(), text.paged());
        Caption caption = caption(file, text, paras, "requests");
        int defAt = indexOfHeading(paras, "DEFINITIONS");
        int insAt = indexOfHeading(paras, "INSTRUCTIONS");
        int firstReq = firstMatch(paras, REQUEST_HEAD, 0);
        if (firstReq < 0) throw new ParseFailure(file, "requests", "no \"REQUEST FOR PRODUCTION NO. n\" heading was found.");
        Map<String, String> definitions = new LinkedHashMap<>();
        if (defAt >= 0) {
            int end = insAt > defAt ? insAt : firstReq;
            for (String p : numberedItems(paras.subList(defAt + 1, end))) {
                Matcher vm = DEF_VERB.matcher(p);
                if (!vm.find()) continue;
                String head = p.substring(0, vm.start());
                String meaning = p.substring(vm.start()).strip().replaceFirst("^(?:means?|mean|has the|shall mean|refers? to|is defined)\\s*", "");
                Matcher tm = TERM.matcher(head);
                while (tm.find()) definitions.put(tm.group(1).strip().toUpperCase(Locale.ROOT), meaning);
            }
            if (definitions.isEmpty()) throw new ParseFailure(file, "definitions", "the DEFINITIONS section defines no quoted term.");
        }
        List<String> instructions = new ArrayList<>();
        String period = null;
        if (insAt >= 0) {
            int end = firstReq > insAt ? firstReq : paras.size();
            instructions.addAll(numberedItems(paras.subList(insAt + 1, end)));
            if (instructions.isEmpty()) throw new ParseFailure(file, "instructions", "the INSTRUCTIONS section has no numbered instruction.");
            period = relevantPeriod(instructions);
        }
        List<ParsedRequests.Request> requests = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int i = firstReq;
        while (i < paras.size()) {
            Matcher m = REQUEST_HEAD.matcher(paras.get(i));
            if (!m.matches()) {
                if (END_OF_BODY.matcher(paras.get(i)).find()) break;
                i++;
                continue;
            }
            String number = m.group(1);
            List<String> body = new ArrayList<>();
            if (!m.group(2).isBlank()) body.add(m.group(2).strip());
            int j = i + 1;
            while (j < paras.size() && !REQUEST_HEAD.matcher(paras.get(j)).matches() && !END_OF_BODY.matcher(paras.get(j)).find()
                    && !RESPONSE_HEAD.matcher(paras.get(j)).matches()) {
                body.add(paras.get(j));
                j++;
            }
            if (body.isEmpty()) throw new ParseFailure(file, "requests", "request No. " + number + " has no text.");
            if (!seen.add(number)) throw new ParseFailure(file, "requests", "request No. " + number + " appears twice.");
            requests.add(request(number, String.join(" ", body)));
            i = j;
        }
        return new ParsedRequests(caption, definitions, instructions, period, requests);
    }

    static ParsedRequests.Request request(String number, String text) {
        text = text.replaceAll("\\s+", " ").strip();
        List<int[]> marks = new ArrayList<>();
        Matcher sm = SUB_PART.matcher(text);
        char want = 'a';
        while (sm.find()) {
            if (sm.group(1).charAt(0) == want) {
                marks.add(new int[] {sm.start(), sm.end()});
                want++;
            }
        }
        if (marks.size() < 2 || text.substring(0, marks.get(0)[0]).isBlank()) {
            return new ParsedRequests.Request(number, text, null, List.of());
        }
        String lead = text.substring(0, marks.get(0)[0]).strip();
        List<ParsedRequests.Part> parts = new ArrayList<>();
        for (int k = 0; k < marks.size(); k++) {
            int end = k + 1 < marks.size() ? marks.get(k + 1)[0] : text.length();
            parts.add(new ParsedRequests.Part(String.valueOf((char) ('a' + k)), text.substring(marks.get(k)[1], end).strip()));
        }
        return new ParsedRequests.Request(number, text, lead, parts);
    }

    private static final Pattern DATE_WORDS = Pattern.compile(
            "(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{1,2},\\s+\\d{4}|\\b\\d{1,2}/\\d{1,2}/\\d{4}\\b");

    /** "unlimited" when the instructions say the requests are not limited in time, the period when they give one, else null. */
    static String relevantPeriod(List<String> instructions) {
        for (String s : instructions) {
            String l = s.toLowerCase(Locale.ROOT);
            if (l.contains("not limited in time") || l.contains("unlimited in time")) return "unlimited";
            if (l.contains("relevant period") || l.contains("relevant time period") || l.contains("time period")) {
                Matcher d = DATE_WORDS.matcher(s);
                List<String> dates = new ArrayList<>();
                while (d.find()) dates.add(d.group());
                if (dates.size() >= 2) return dates.get(0) + " to " + dates.get(1);
                if (dates.size() == 1) return "from " + dates.get(0);
            }
        }
        return null;
    }

    // ---- responses ------------------------------------------------------------------------------------

    /** Parses written responses and objections. */
    public static ParsedResponses responses(FileText.Text text) {
        String file = text.fileName();
        List<String> paras = DiscoveryText.paragraphs(text.pages(), text.paged());
        Caption caption = caption(file, text, paras, "responses");
        int firstResp = firstMatch(paras, RESPONSE_HEAD, 0);
        if (firstResp < 0) throw new ParseFailure(file, "responses", "no \"RESPONSE TO REQUEST FOR PRODUCTION NO. n\" heading was found.");
        List<String> general = new ArrayList<>();
        int goAt = indexOfHeading(paras, "GENERAL OBJECTIONS");
        if (goAt >= 0 && goAt < firstResp) {
            int end = goAt + 1;
            while (end < firstResp && !DiscoveryText.heading(paras.get(end)) && !REQUEST_HEAD.matcher(paras.get(end)).matches()) end++;
            general.addAll(numberedItems(paras.subList(goAt + 1, end)));
            if (general.isEmpty()) throw new ParseFailure(file, "general objections", "the GENERAL OBJECTIONS section is empty.");
        }
        List<ParsedResponses.Response> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = firstResp; i < paras.size(); i++) {
            Matcher m = RESPONSE_HEAD.matcher(paras.get(i));
            if (!m.matches()) continue;
            String number = m.group(1);
            List<String> body = new ArrayList<>();
            if (!m.group(2).isBlank()) body.add(m.group(2).strip());
            int j = i + 1;
            while (j < paras.size() && !REQUEST_HEAD.matcher(paras.get(j)).matches() && !RESPONSE_HEAD.matcher(paras.get(j)).matches()
                    && !END_OF_BODY.matcher(paras.get(j)).find()) {
                body.add(paras.get(j));
                j++;
            }
            if (body.isEmpty()) throw new ParseFailure(file, "responses", "the response to request No. " + number + " has no text.");
            if (!seen.add(number)) throw new ParseFailure(file, "responses", "the response to request No. " + number + " appears twice.");
            out.add(response(number, body));
            i = j - 1;
        }
        String joined = String.join("\n", paras);
        boolean verified = paras.stream().anyMatch(p -> p.equals("VERIFICATION"))
                || joined.toLowerCase(Locale.ROOT).contains("under penalty of perjury");
        String dated = null;
        for (String p : paras) {
            Matcher d = Pattern.compile("^Dated:\\s*(.+)$", Pattern.CASE_INSENSITIVE).matcher(p);
            if (d.find()) dated = d.group(1).strip();
        }
        return new ParsedResponses(caption, general, out, verified, dated);
    }

    static ParsedResponses.Response response(String number, List<String> paragraphs) {
        String text = String.join("\n\n", paragraphs);
        List<String> sentences = Sentences.split(String.join(" ", paragraphs));
        List<Objection> objections = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String s : sentences) {
            if (Objections.isObjection(s)) objections.addAll(Objections.classify(s));
            else rest.add(s);
        }
        String l = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String statement = String.join(" ", rest).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean subject = l.contains("subject to and without waiving");
        String inabilityText = null;
        String reason = null;
        Matcher un = Pattern.compile("(?i)[^.]*unable to comply[^.]*\\.").matcher(String.join(" ", paragraphs));
        if (un.find()) {
            inabilityText = un.group().strip();
            String u = inabilityText.toLowerCase(Locale.ROOT);
            if (u.contains("never existed")) reason = "never_existed";
            else if (u.contains("destroyed")) reason = "destroyed";
            else if (u.contains("lost") || u.contains("misplaced") || u.contains("stolen")) reason = "lost_misplaced_stolen";
            else if (u.contains("possession") || u.contains("custody") || u.contains("control")) reason = "not_in_possession";
        }
        Posture posture = posture(statement, inabilityText != null);
        boolean diligent = l.contains("diligent search") && l.contains("reasonable inquiry");
        boolean custodianNamed = Pattern.compile("(?i)(?:believed to (?:have|be in)|in the possession(?:, custody, or control)? of)\\s+[A-Z]")
                .matcher(text).find() && !l.contains("in the possession of responding party");
        List<String> bates = new ArrayList<>();
        Matcher b = BATES.matcher(text);
        while (b.find()) bates.add(b.group().replaceAll("\\s+", ""));
        boolean withholding = l.matches(".*\\b(?:withhold|withholding|withheld)\\b.*");
        boolean date = DATE_WORDS.matcher(statement).find() || statement.matches(".*\\bwithin (?:\\w+ )?\\(?\\d*\\)? ?(?:days|weeks)\\b.*")
                || statement.contains("rolling basis") || statement.contains("has produced") || statement.contains("have been produced")
                || statement.contains("documents produced at") || !bates.isEmpty();
        boolean meet = l.contains("meet and confer");
        return new ParsedResponses.Response(number, text, objections, subject, posture, reason, inabilityText, diligent,
                custodianNamed, bates, withholding, date, meet);
    }

    static final Pattern BATES = Pattern.compile("\\b[A-Z]{2,8}[-_]?\\d{4,10}(?:\\s*(?:-|–|through|to)\\s*[A-Z]{2,8}[-_]?\\d{4,10})?\\b");

    /** Exactly one posture from what the response says beside its objections. */
    static Posture posture(String statement, boolean unable) {
        if (unable) return Posture.NO_DOCUMENTS;
        if (statement.matches(".*\\b(?:no (?:responsive )?documents|no agreements|no such documents|located no|not aware of any|"
                + "does not have any|do not exist|does not exist|have no responsive|has no responsive|no responsive)\\b.*")) {
            return Posture.NO_DOCUMENTS;
        }
        if (statement.matches(".*\\b(?:will not (?:produce|comply|search)|stands on (?:its|their) objections|declines to produce|"
                + "refuses to produce|shall not produce|is withholding responsive)\\b.*")) {
            return Posture.REFUSES;
        }
        if (statement.matches(".*\\b(?:will (?:produce|comply)|shall produce|will be (?:produced|included in the production)|"
                + "agrees to produce|has produced|have been produced|refers? [a-z ]*to the documents produced|see documents produced|documents produced at)\\b.*")) {
            return Posture.WILL_PRODUCE;
        }
        return Posture.OBJECTS_ONLY;
    }

    // ---- caption --------------------------------------------------------------------------------------

    static Caption caption(String file, FileText.Text text, List<String> paras, String what) {
        String all = String.join("\n", paras);
        String court = null;
        for (int i = 0; i < paras.size() && i < 60; i++) {
            String p = paras.get(i);
            if (p.toUpperCase(Locale.ROOT).equals(p) && p.contains("COURT")) {
                StringBuilder sb = new StringBuilder(p);
                for (int j = i + 1; j < paras.size() && j < i + 4; j++) {
                    String q = paras.get(j);
                    if (q.equals(q.toUpperCase(Locale.ROOT)) && q.matches("^(?:FOR THE |NORTHERN |SOUTHERN |EASTERN |WESTERN |CENTRAL |MIDDLE |DISTRICT |COUNTY |STATE )?.*(?:DISTRICT|DIVISION|COUNTY|CIRCUIT|STATE OF).*")
                            && !q.contains(", a ") && !q.contains("CASE NO")) {
                        sb.append(' ').append(q);
                    } else break;
                }
                court = sb.toString().replaceAll("\\s+", " ").strip();
                break;
            }
        }
        if (court == null) throw new ParseFailure(file, "caption", "no court was found at the top of the " + what + ".");
        Matcher cn = CASE_NO.matcher(all);
        if (!cn.find()) throw new ParseFailure(file, "caption", "no case number (\"Case No. ...\") was found.");
        String caseNumber = cn.group(1);
        // The DOCX caption table glues its cells' paragraphs: "...LEDPLAINTIFF'S FIRST SET"; cut at the title.
        caseNumber = caseNumber.replaceFirst("(?:PLAINTIFF|DEFENDANT|RESPONDENT|PETITIONER).*$", "");
        String plaintiff = party(all, "Plaintiff");
        String defendant = party(all, "Defendant");
        String propounding = field(all, "PROPOUNDING PARTY");
        String responding = field(all, "RESPONDING PARTY");
        if (plaintiff == null && propounding != null) plaintiff = propounding.replaceFirst("^(?i)(?:Plaintiffs?|Defendants?)\\s+", "");
        if (defendant == null && responding != null) defendant = responding.replaceFirst("^(?i)(?:Plaintiffs?|Defendants?)\\s+", "");
        if (plaintiff == null || defendant == null) {
            throw new ParseFailure(file, "caption", "the parties were not found (neither \"Plaintiff NAME (\\\"Plaintiff\\\")\" nor PROPOUNDING/RESPONDING PARTY).");
        }
        String title = title(text, caseNumber, all);
        Integer set = setNumber(all, title);
        String style = court.toUpperCase(Locale.ROOT).contains("CALIFORNIA") && court.toUpperCase(Locale.ROOT).contains("SUPERIOR")
                || all.contains("Code of Civil Procedure") ? "california" : "federal";
        if (propounding == null) propounding = title != null && title.startsWith("DEFENDANT") ? defendant : plaintiff;
        if (responding == null) responding = propounding.equals(plaintiff) ? defendant : plaintiff;
        return new Caption(court, caseNumber, List.of(plaintiff, defendant), title, set, clean(propounding), clean(responding), style);
    }

    private static String clean(String s) {
        return s == null ? null : s.replaceFirst("^(?i)(?:Plaintiffs?|Defendants?)\\s+", "").strip();
    }

    private static String party(String all, String role) {
        Matcher m = Pattern.compile(role + "s?\\s+([A-Z][^()\"\\n]{2,120}?)\\s*\\(\\s*[\"“](?:" + role + "|Responding Party|Propounding Party)[\"”]")
                .matcher(all);
        String best = null;
        while (m.find()) {
            String name = m.group(1);
            // The nearest "Plaintiff" before the parenthesis: a label earlier in the paragraph is not part of the name.
            int inner = name.lastIndexOf(role + " ");
            if (inner >= 0) name = name.substring(inner + role.length() + 1);
            name = name.replaceAll("\\s+", " ").replaceFirst("(?:'s|’s)$", "").replaceFirst(",$", "").strip();
            if (best == null || name.length() < best.length()) best = name;
        }
        return best;
    }

    private static String field(String all, String label) {
        Matcher m = Pattern.compile(label + ":\\s*([^\\n]+)").matcher(all);
        if (!m.find()) return null;
        String v = m.group(1).strip();
        int cut = v.indexOf(" RESPONDING PARTY:");
        if (cut < 0) cut = v.indexOf(" SET NO");
        return cut > 0 ? v.substring(0, cut).strip() : v;
    }

    private static String title(FileText.Text text, String caseNumber, String all) {
        String footer = DiscoveryText.footer(text.pages());
        if (footer != null && footer.startsWith(caseNumber)) {
            String t = footer.substring(caseNumber.length()).replaceFirst("^\\s*[-–—]\\s*", "").strip();
            if (!t.isEmpty()) return t;
        }
        Matcher m = Pattern.compile("((?:PLAINTIFF|DEFENDANT)(?:'S|S'|’S)?[A-Z’' ,]*?(?:REQUESTS?|DEMANDS?) FOR (?:PRODUCTION|INSPECTION)(?: OF DOCUMENTS)?)")
                .matcher(all.replace('\n', ' '));
        return m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : null;
    }

    private static final List<String> ORDINALS = List.of("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH");
    private static final List<String> CARDINALS = List.of("ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN");

    static Integer setNumber(String all, String title) {
        Matcher s = Pattern.compile("SET NO\\.?:?\\s*([A-Z]+|\\d+)").matcher(all);
        if (s.find()) {
            String v = s.group(1).toUpperCase(Locale.ROOT);
            if (v.matches("\\d+")) return Integer.parseInt(v);
            int k = CARDINALS.indexOf(v);
            if (k >= 0) return k + 1;
        }
        String hay = ((title == null ? "" : title) + " " + all).toUpperCase(Locale.ROOT);
        Matcher o = Pattern.compile("\\b([A-Z]+) SET OF (?:REQUESTS|DEMANDS|INTERROGATORIES)").matcher(hay);
        if (o.find()) {
            int k = ORDINALS.indexOf(o.group(1));
            if (k >= 0) return k + 1;
        }
        return null;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static int indexOfHeading(List<String> paras, String heading) {
        for (int i = 0; i < paras.size(); i++) if (paras.get(i).strip().toUpperCase(Locale.ROOT).equals(heading)) return i;
        return -1;
    }

    private static int firstMatch(List<String> paras, Pattern p, int from) {
        for (int i = from; i < paras.size(); i++) if (p.matcher(paras.get(i)).matches()) return i;
        return -1;
    }

    /** Numbered paragraphs ("1. ..."), each with the unnumbered paragraphs after it joined on. */
    static List<String> numberedItems(List<String> paras) {
        List<String> out = new ArrayList<>();
        for (String p : paras) {
            Matcher m = NUMBERED.matcher(p);
            if (m.matches()) out.add(m.group(2).strip());
            else if (!out.isEmpty()) out.set(out.size() - 1, out.get(out.size() - 1) + " " + p.strip());
            else if (!DiscoveryText.heading(p)) out.add(p.strip());
        }
        return out;
    }
}
