package dev.quarry.deficiency;

import dev.quarry.deficiency.model.Objection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies the objections of a response sentence by sentence: overbroad, unduly_burdensome,
 * vague_ambiguous (with the quoted phrase), not_proportional, privilege, confidentiality, duplicative (with
 * the request it repeats), legal_conclusion, relevance, time_period; an objection none of these fits is other.
 * One sentence may hold several ("overly broad and unduly burdensome").
 */
final class Objections {
    private Objections() {}

    private static final Pattern PHRASE = Pattern.compile("(?i)(?:as to|phrase|term|terms|words?)\\s+[\"“]([^\"”]{1,200})[\"”]");
    private static final Pattern DUPLICATE = Pattern.compile("(?i)(?:duplicative|cumulative|repetitive)[^.]*?(?:Request|Demand)s?\\s+(?:for Production\\s+)?No\\.?\\s*(\\d+)");

    static boolean isObjection(String sentence) {
        String l = sentence.toLowerCase(Locale.ROOT);
        return l.matches(".*\\bobjects?\\b.*") && !l.startsWith("subject to") && !l.contains("without waiving")
                || l.startsWith("this request is overly broad") || l.startsWith("this demand is");
    }

    static List<Objection> classify(String sentence) {
        String l = sentence.toLowerCase(Locale.ROOT);
        List<Objection> out = new ArrayList<>();
        String phrase = null;
        Matcher pm = PHRASE.matcher(sentence);
        if (pm.find()) phrase = pm.group(1).strip();
        Integer dup = null;
        Matcher dm = DUPLICATE.matcher(sentence);
        if (dm.find()) dup = Integer.parseInt(dm.group(1));
        if (l.contains("overly broad") || l.contains("overbroad")) out.add(new Objection("overbroad", sentence, null, null));
        if (l.contains("unduly burdensome") || l.contains("burdensome") || l.contains("oppressive")) {
            out.add(new Objection("unduly_burdensome", sentence, null, null));
        }
        if (l.contains("vague") || l.contains("ambiguous") || l.contains("reasonable particularity") || l.contains("unintelligible")) {
            out.add(new Objection("vague_ambiguous", sentence, phrase, null));
        }
        if (l.contains("proportional")) out.add(new Objection("not_proportional", sentence, null, null));
        if (l.contains("privilege") || l.contains("work product") || l.contains("work-product")) {
            out.add(new Objection("privilege", sentence, null, null));
        }
        if (l.contains("confidential") || l.contains("trade secret") || l.contains("privacy") || l.contains("proprietary")) {
            out.add(new Objection("confidentiality", sentence, null, null));
        }
        if (dup != null || l.contains("duplicative") || l.contains("cumulative")) out.add(new Objection("duplicative", sentence, null, dup));
        if (l.contains("legal conclusion")) out.add(new Objection("legal_conclusion", sentence, null, null));
        if (l.contains("not relevant") || l.contains("irrelevant") || l.contains("neither relevant") || l.contains("relevance")
                || l.contains("admissible evidence")) {
            out.add(new Objection("relevance", sentence, null, null));
        }
        if (l.contains("unlimited in time") || l.contains("time period") || l.contains("not limited in time") || l.contains("temporal")) {
            out.add(new Objection("time_period", sentence, null, null));
        }
        if (out.isEmpty()) out.add(new Objection("other", sentence, phrase, dup));
        return out;
    }
}
