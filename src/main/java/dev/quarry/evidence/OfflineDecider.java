package dev.quarry.evidence;

import dev.quarry.documents.ChunkRecord;
import dev.quarry.evidence.EvidenceEngine.Prepared;
import dev.quarry.evidence.EvidenceEngine.Ranked;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline extractor: typed parsers over the passages the search found, and similarity deciders for
 * BOOLEAN and CATEGORY. Reviewed examples recalibrate it ({@link #calibrate}): the BOOLEAN weights and
 * threshold that best separate the reviewed documents, positive quotes as exemplar passages, and the date
 * reading that matches the reviewed dates best.
 */
final class OfflineDecider {
    /**
     * Zero-shot BOOLEAN decision of a criterion with term queries: a passage's cosine with the descriptions,
     * plus this when a term query matches it, above {@link #DEFAULT_TERM_THRESHOLD}: in effect "a passage
     * that matches a term query and is about the criterion at cosine 0.57 or more". Without term queries
     * the cosine alone must reach {@link #DEFAULT_THRESHOLD}. Both tuned on the CUAD dev labels as a whole
     * (docs/adr/0013-evidence-engine.md); {@code -Dquarry.evidence.*} overrides them for measurement.
     */
    static final double DEFAULT_TERM_WEIGHT = Double.parseDouble(System.getProperty("quarry.evidence.term_weight", "0.3"));
    static final double DEFAULT_TERM_THRESHOLD = Double.parseDouble(System.getProperty("quarry.evidence.term_threshold", "0.87"));
    static final double DEFAULT_THRESHOLD = Double.parseDouble(System.getProperty("quarry.evidence.threshold", "0.68"));
    /** Confidence of a parsed value with a strong cue; weaker evidence gives less. */
    static final double STRONG = 0.9;

    private final EvidenceEngine engine;

    OfflineDecider(EvidenceEngine engine) {
        this.engine = engine;
    }

    /**
     * How the offline deciders are set for one criterion.
     *
     * @param queryWeight    BOOLEAN: weight of a passage's cosine with the criterion's queries
     * @param exemplarTerm   BOOLEAN: a passage at least this close (cosine) to a reviewed positive passage of
     *                       another document counts as term evidence too; 0 for off
     * @param termWeight     BOOLEAN: added when a term query matches the passage
     * @param threshold      BOOLEAN: the score above which the answer is yes
     * @param dateReading    DATE: which reading of the candidates (0 the preamble's, 1 the best passage's)
     * @param examples       how many reviewed documents set these (0: the defaults)
     */
    record Calibration(double queryWeight, double exemplarTerm, double termWeight, double threshold, int dateReading,
                       int examples, double reviewedAccuracy) {
        /** The defaults for a criterion without term queries. */
        static final Calibration DEFAULT = new Calibration(1, 0, 0, DEFAULT_THRESHOLD, 0, 0, Double.NaN);
        /** The defaults for a criterion with term queries. */
        static final Calibration DEFAULT_WITH_TERMS = new Calibration(1, 0, DEFAULT_TERM_WEIGHT, DEFAULT_TERM_THRESHOLD, 0, 0, Double.NaN);

        static Calibration defaults(Criterion c) {
            return c.queries().stream().anyMatch(Queries::isTermQuery) ? DEFAULT_WITH_TERMS : DEFAULT;
        }

        Calibration from(int examples) {
            return new Calibration(queryWeight, exemplarTerm, termWeight, threshold, dateReading, examples, Double.NaN);
        }
    }

    static boolean yes(String v) {
        String s = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
        return s.equals("yes") || s.equals("true") || s.equals("y") || s.equals("1");
    }

    // ---------------------------------------------------------------- decide

    Answer decide(DocumentPassages d, Prepared p, List<Ranked> ranked) {
        Criterion c = p.criterion();
        return switch (c.type()) {
            case BOOLEAN -> bool(d, p, ranked);
            case DATE -> date(d, p, ranked, p.calibration() == null ? 0 : p.calibration().dateReading());
            case NUMBER -> number(d, p, ranked);
            case CATEGORY -> category(d, p, ranked);
            case TEXT -> Queries.isGoverningLaw(c) ? governingLaw(d, p, ranked) : text(d, p, ranked);
        };
    }

    private static Answer value(DocumentPassages d, Prepared p, List<Ranked> ranked, String raw, String value, String unit,
                                double confidence, int chunkIndex, int from, int to) {
        ChunkRecord ch = d.chunk(chunkIndex);
        Sentences.Span s = Sentences.around(ch.text(), from, to);
        Quote q = EvidenceEngine.quote(d, chunkIndex, ch.text().substring(s.start(), s.end()));
        double conf = q.verified() ? confidence : confidence * 0.5;
        return new Answer(p.criterion().name(), d.documentId(), Answer.Outcome.VALUE, raw, value, unit, round(conf), q,
                Answer.Method.OFFLINE, !q.verified() || conf < 0.5, p.queries(), EvidenceEngine.closest(d, ranked, EvidenceEngine.CLOSEST),
                null, null);
    }

    private static Answer notStated(DocumentPassages d, Prepared p, List<Ranked> ranked, double confidence) {
        return new Answer(p.criterion().name(), d.documentId(), Answer.Outcome.NOT_STATED, null, "", null, round(confidence), null,
                Answer.Method.OFFLINE, confidence < 0.5, p.queries(), EvidenceEngine.closest(d, ranked, EvidenceEngine.CLOSEST), null, null);
    }

    static double round(double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
    }

    // ---------------------------------------------------------------- BOOLEAN

    /** The document's BOOLEAN score under a calibration, and the passage that gave it. */
    record Score(double score, int chunkIndex) {}

    static Score boolScore(DocumentPassages d, Prepared p, List<Ranked> ranked, Calibration cal) {
        double best = Double.NEGATIVE_INFINITY;
        int at = ranked.isEmpty() ? 0 : ranked.get(0).index();
        for (Ranked r : ranked) {
            boolean term = r.term() || cal.exemplarTerm() > 0 && exemplarCos(d, p, r.index()) >= cal.exemplarTerm();
            double s = cal.queryWeight() * r.dense() + (term ? cal.termWeight() : 0);
            if (s > best) {
                best = s;
                at = r.index();
            }
        }
        return new Score(best, at);
    }

    /** A chunk's best cosine with a reviewed positive passage of another document. */
    static double exemplarCos(DocumentPassages d, Prepared p, int i) {
        double best = 0;
        for (EvidenceEngine.Exemplar e : p.positives()) {
            if (e.documentId() != null && e.documentId() == d.documentId()) continue;
            best = Math.max(best, DocumentPassages.dot(e.vector(), d.vectors()[i]));
        }
        return best;
    }

    private Answer bool(DocumentPassages d, Prepared p, List<Ranked> ranked) {
        Calibration cal = p.calibration() == null ? Calibration.defaults(p.criterion()) : p.calibration();
        Score s = boolScore(d, p, ranked, cal);
        double margin = s.score() - cal.threshold();
        // Confidence from the distance to the threshold: 0.5 at it, 0.95 a tenth of cosine away.
        double conf = 0.5 + 0.45 * Math.min(1, Math.abs(margin) / 0.1);
        if (margin < 0) {
            return new Answer(p.criterion().name(), d.documentId(), Answer.Outcome.VALUE, null, "no", null, round(conf), null,
                    Answer.Method.OFFLINE, conf < 0.6, p.queries(), EvidenceEngine.closest(d, ranked, EvidenceEngine.CLOSEST), null, null,
                    margin);
        }
        ChunkRecord ch = d.chunk(s.chunkIndex());
        int[] term = Queries.findKeyTerm(ch.text().toLowerCase(Locale.ROOT), p.keyTerms());
        int from, to;
        if (term != null) {
            from = term[0];
            to = term[1];
        } else {
            Sentences.Span best = bestSentence(ch.text(), p);
            from = best.start();
            to = best.end();
        }
        Answer a = value(d, p, ranked, null, "yes", null, conf, s.chunkIndex(), from, to);
        return new Answer(a.criterion(), a.documentId(), a.outcome(), a.quote() == null ? null : a.quote().text(), "yes", null,
                a.confidence(), a.quote(), a.method(), a.needsReview() || conf < 0.6, a.queriesRun(), a.closest(), null, null, margin);
    }

    /** The sentence of a chunk sharing the most words with the criterion's queries (the first on a tie). */
    static Sentences.Span bestSentence(String text, Prepared p) {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String q : p.queries()) for (String w : Queries.plainWords(q).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 3) words.add(w.length() > 6 ? w.substring(0, 6) : w);
        }
        Sentences.Span best = null;
        int bestHits = -1;
        for (Sentences.Span s : Sentences.split(text)) {
            int hits = 0;
            for (String w : text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.length() > 3 && words.contains(w.length() > 6 ? w.substring(0, 6) : w)) hits++;
            }
            if (hits > bestHits) {
                bestHits = hits;
                best = s;
            }
        }
        return best == null ? new Sentences.Span(0, Math.min(text.length(), Sentences.MAX_QUOTE)) : best;
    }

    // ---------------------------------------------------------------- DATE

    /** A cue that the date is the contract's own: "dated", "made and entered into", "this 1st day of", "Date:". */
    private static final Pattern DATE_CUE = Pattern.compile(
            "(?i)(dated|entered\\s+into|made|executed|day\\s+of|date\\s*:|signed)[\\s,:\"“”(]*(?:(?:the|this|as\\s+of|on)\\s+)*[^.;]{0,25}$");
    /** A weaker cue: "effective as of", "as of", "this", "on" (an effective date can differ from the date made). */
    private static final Pattern DATE_WEAK_CUE = Pattern.compile(
            "(?i)(effective(?:\\s+date)?|as\\s+of|this|on)[\\s,:\"“”(]*(?:the\\s+)?[^.;]{0,25}$");
    private static final Pattern DATE_ANTI = Pattern.compile(
            "(?i)(expir\\w*|terminat\\w*|until|through|ending|ended|amended|restated|filed|period|form\\s+\\S+|prior\\s+to|before|after|no\\s+later|within|commenc\\w*|fiscal|quarter|year\\s+ended|incorporated\\s+by\\s+reference)[^.;]{0,30}$");

    /** A filing's page footer ("Source: ACME INC, 8-K, 11/9/2018"): the filing date, never the contract's. */
    private static final Pattern FILING_FOOTER = Pattern.compile("(?i)source:[^\\n]{0,120}$");
    /** A date of another agreement the recitals refer to ("that certain Reseller Agreement ... dated as of"). */
    private static final Pattern OTHER_AGREEMENT = Pattern.compile("(?i)(that\\s+certain|whereas|pursuant\\s+to|under\\s+the|\\bamends?\\b)[^.;]{0,120}$");

    /** How a contract's preamble says it is made: "is made and entered into", "is entered into this", "made as of". */
    private static final Pattern PREAMBLE = Pattern.compile("(?i)\\b(?:is|was|are)\\s+(?:hereby\\s+)?(?:made|entered)|made\\s+and\\s+entered|entered\\s+into\\s+(?:this|as\\s+of|on)|made\\s+as\\s+of");

    /** A date read with the evidence for it: {@code cued} when an agreement-date cue stands before it. */
    record DateCandidate(Dates.Found found, int chunkIndex, double score, boolean cued) {}

    List<DateCandidate> dateCandidates(DocumentPassages d, List<Ranked> ranked, int reading) {
        List<DateCandidate> out = new ArrayList<>();
        java.util.Set<Integer> look = new java.util.LinkedHashSet<>();
        for (int i = 0; i < Math.min(3, d.size()); i++) look.add(i); // the preamble
        // A long table of contents can push the preamble further: the first passage that reads like one.
        boolean preamble = false;
        for (int i = 0; i < Math.min(3, d.size()) && !preamble; i++) preamble = PREAMBLE.matcher(d.chunk(i).text()).find();
        for (int i = 3; i < Math.min(10, d.size()) && !preamble; i++) {
            if (PREAMBLE.matcher(d.chunk(i).text()).find()) {
                look.add(i);
                preamble = true;
            }
        }
        for (int r = 0; r < Math.min(4, ranked.size()); r++) look.add(ranked.get(r).index());
        java.util.Map<Integer, Integer> rankOf = new java.util.HashMap<>();
        for (int r = 0; r < ranked.size(); r++) rankOf.put(ranked.get(r).index(), r);
        for (int i : look) {
            String text = d.chunk(i).text();
            for (Dates.Found f : Dates.findAll(text)) {
                String before = text.substring(Math.max(0, f.start() - 60), f.start());
                if (FILING_FOOTER.matcher(text.substring(Math.max(0, f.start() - 120), f.start())).find()) continue;
                double s = 0;
                boolean other = OTHER_AGREEMENT.matcher(text.substring(Math.max(0, f.start() - 140), f.start())).find();
                if (other) s -= 3;
                boolean strong = DATE_CUE.matcher(before).find();
                boolean cued = !other && (strong || DATE_WEAK_CUE.matcher(before).find());
                if (strong) s += 2.5;
                else if (cued) s += 1.5;
                if (DATE_ANTI.matcher(before).find()) s -= 2.5;
                if (f.complete()) s += 1;
                else if (f.iso().length() == 7) s += 0.4;
                double position = 1.0 / (1 + i) + 0.5 * (1 - (double) f.start() / Math.max(1, text.length()));
                double rank = 1.0 / (1 + rankOf.getOrDefault(i, 99));
                s += reading == 0 ? 1.5 * position + 0.5 * rank : 0.5 * position + 1.5 * rank;
                out.add(new DateCandidate(f, i, s, cued || i == 0 && f.start() < 300));
            }
        }
        out.sort(java.util.Comparator.comparingDouble((DateCandidate c) -> -c.score())
                .thenComparingInt(DateCandidate::chunkIndex).thenComparingInt(c -> c.found().start()));
        return out;
    }

    /** A date a signature block gives: "Date: 8/4/10", "Date 13/07/05", "/s/ Jane Roe   9/9/97", "signed at Pretoria on this 31st day of". */
    private static final Pattern SIGNATURE_CUE = Pattern.compile("(?i)(\\bdate[d]?\\b\\s*:?\\s*|/s/[^\\n]{0,80}|\\bsigned\\b[^\\n.]{0,40}|"
            + "\\bsignature\\b[^.]{0,80}?)$");

    /**
     * When the head of a contract names no date of its own: the dates of its signature blocks (the last two
     * passages, and any passage with "IN WITNESS WHEREOF"). The latest is the date the last party signed, from
     * which the agreement is made.
     */
    private static final Pattern SIGNING = Pattern.compile("IN WITNESS WHEREOF|(?i:in witness whereof)|SIGNED");

    static Optional<DateCandidate> signatureDate(DocumentPassages d) {
        java.util.Set<Integer> look = new java.util.LinkedHashSet<>();
        for (int i = Math.max(0, d.size() - 2); i < d.size(); i++) look.add(i);
        for (int i = 0; i < d.size(); i++) if (SIGNING.matcher(d.chunk(i).text()).find()) look.add(i);
        DateCandidate best = null;
        for (int i : look) {
            String text = d.chunk(i).text();
            for (Dates.Found f : Dates.findAll(text)) {
                String before = text.substring(Math.max(0, f.start() - 70), f.start());
                if (FILING_FOOTER.matcher(text.substring(Math.max(0, f.start() - 120), f.start())).find()) continue;
                if (!SIGNATURE_CUE.matcher(before).find() || DATE_ANTI.matcher(before).find()) continue;
                if (best == null || f.complete() && !best.found().complete()
                        || f.complete() == best.found().complete() && f.iso().compareTo(best.found().iso()) > 0) {
                    best = new DateCandidate(f, i, 1, true);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Answer date(DocumentPassages d, Prepared p, List<Ranked> ranked, int reading) {
        List<DateCandidate> cands = dateCandidates(d, ranked, reading);
        // A date with no agreement-date cue and not at the head of the contract is some other date: the
        // signature blocks' date if they give one, else not stated.
        if (cands.isEmpty() || cands.get(0).score() < 0.5 || !cands.get(0).cued()) {
            Optional<DateCandidate> signed = signatureDate(d);
            if (signed.isEmpty()) return notStated(d, p, ranked, 0.6);
            Dates.Found f = signed.get().found();
            return value(d, p, ranked, f.raw(), f.iso(), null, f.complete() ? 0.6 : 0.5, signed.get().chunkIndex(), f.start(), f.end());
        }
        DateCandidate best = cands.get(0);
        boolean signedApart = false;
        String bestText = d.chunk(best.chunkIndex()).text();
        if (SIGNATURE_CUE.matcher(bestText.substring(Math.max(0, best.found().start() - 70), best.found().start())).find()) {
            // A signature block's date: the last party to sign made the agreement.
            Optional<DateCandidate> signed = signatureDate(d);
            if (signed.isPresent() && signed.get().found().iso().compareTo(best.found().iso()) > 0
                    && signed.get().found().complete() == best.found().complete()) {
                best = new DateCandidate(signed.get().found(), signed.get().chunkIndex(), best.score(), true);
                signedApart = true;
            }
        }
        double conf = best.score() >= 3.5 ? STRONG : best.score() >= 2.5 ? 0.75 : 0.55;
        if (!best.found().complete()) conf = Math.min(conf, 0.6);
        // Two different dates with near scores: say so.
        boolean close = cands.size() > 1 && !cands.get(1).found().iso().equals(best.found().iso())
                && cands.get(1).score() > best.score() - 0.3;
        if (close) conf = Math.min(conf, 0.55);
        // The parties signed on different days: the later is the likelier reading, not a certain one.
        if (signedApart) conf = Math.min(conf, 0.7);
        return value(d, p, ranked, best.found().raw(), best.found().iso(), null, conf, best.chunkIndex(), best.found().start(), best.found().end());
    }

    // ---------------------------------------------------------------- NUMBER

    private Answer number(DocumentPassages d, Prepared p, List<Ranked> ranked) {
        String hint = (p.criterion().instructions() + " " + p.criterion().name()).toLowerCase(Locale.ROOT);
        boolean wantsMoney = hint.matches("(?s).*(\\$|amount|price|fee|cost|payment|money|dollar|sum|cap|liabilit|compensation|salary).*");
        boolean wantsDuration = hint.matches("(?s).*(day|week|month|year|period|term|duration|notice|time).*");
        boolean wantsPercent = hint.matches("(?s).*(percent|%|rate|share|royalt).*");
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String q : p.queries()) for (String w : Queries.plainWords(q).toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (w.length() >= 5) words.add(w.substring(0, 5));
        }
        Amounts.Found pick = null;
        int pickChunk = -1, pickRank = 0;
        double pickScore = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < Math.min(4, ranked.size()); r++) {
            int i = ranked.get(r).index();
            String text = d.chunk(i).text();
            List<Amounts.Found> all = new ArrayList<>(Amounts.findAll(text));
            if (!(wantsMoney || wantsDuration || wantsPercent)) Amounts.parseNumber(text).ifPresent(all::add);
            for (Amounts.Found f : all) {
                boolean fits = wantsMoney && f.money() || wantsDuration && f.duration() || wantsPercent && "percent".equals(f.unit())
                        || !(wantsMoney || wantsDuration || wantsPercent);
                if (!fits) continue;
                double s = 1.0 / (1 + r);
                // The unit the instructions name ("in days") and the query's words beside the figure.
                if (f.unit() != null && f.duration() && hint.contains(f.unit().replace("business ", "").replaceAll("s$", ""))) s += 1;
                String near = text.substring(Math.max(0, f.start() - 80), Math.min(text.length(), f.end() + 80)).toLowerCase(Locale.ROOT);
                for (String w : near.split("[^\\p{L}]+")) {
                    if (w.length() >= 5 && words.contains(w.substring(0, 5))) {
                        s += 0.25;
                    }
                }
                if (s > pickScore) {
                    pickScore = s;
                    pick = f;
                    pickChunk = i;
                    pickRank = r;
                }
            }
        }
        if (pick != null) {
            double conf = pickRank == 0 ? 0.8 : pickRank == 1 ? 0.65 : 0.5;
            return value(d, p, ranked, pick.raw(), pick.valueText(), pick.unit(), conf, pickChunk, pick.start(), pick.end());
        }
        return notStated(d, p, ranked, 0.6);
    }

    // ---------------------------------------------------------------- TEXT

    private static final Pattern STRONG_LAW = Pattern.compile("(?i)govern(?:ed|ing)|constru|interpret|choice\\s+of\\s+law|applicable\\s+law");
    private static final Pattern ORGANIZED = Pattern.compile("(?i)(organi[sz]ed|incorporated|existing|formed|registered|chartered|corporation|company|limited\\s+liability|partnership)[^.;]{0,40}$");

    private Answer governingLaw(DocumentPassages d, Prepared p, List<Ranked> ranked) {
        // Strong cues first ("governed by", "construed in accordance with"), in ranked passages, then in every chunk.
        for (int pass = 0; pass < 2; pass++) {
            List<Integer> order = new ArrayList<>();
            for (Ranked r : ranked) order.add(r.index());
            for (int k = 0; k < order.size(); k++) {
                int i = order.get(k);
                String text = d.chunk(i).text();
                Matcher strong = STRONG_LAW.matcher(text);
                boolean hasStrong = strong.find();
                if (pass == 0 && !hasStrong) continue;
                Optional<Jurisdictions.Found> f = law(text, pass == 0);
                if (f.isEmpty()) continue;
                double conf = pass == 0 ? (k < 3 ? STRONG : 0.75) : 0.5;
                Jurisdictions.Found j = f.get();
                return value(d, p, ranked, text.substring(j.start(), j.end()), j.name(), null, conf, i, j.start(), j.end());
            }
        }
        return notStated(d, p, ranked, 0.7);
    }

    /** The jurisdiction a passage's governing-law wording names; weak cues ("laws of") skip a party's place of organisation. */
    static Optional<Jurisdictions.Found> law(String text, boolean strongOnly) {
        Matcher m = STRONG_LAW.matcher(text);
        while (m.find()) {
            Optional<Jurisdictions.Found> f = Jurisdictions.governingLaw(text.substring(m.start()), 200)
                    .map(j -> new Jurisdictions.Found(j.name(), j.level(), j.start() + m.start(), j.end() + m.start()));
            if (f.isPresent()) return f;
        }
        if (strongOnly) return Optional.empty();
        Matcher weak = Pattern.compile("(?i)laws?\\s+of").matcher(text);
        while (weak.find()) {
            String before = text.substring(Math.max(0, weak.start() - 60), weak.start());
            if (ORGANIZED.matcher(before).find()) continue;
            Optional<Jurisdictions.Found> f = Jurisdictions.governingLaw(text.substring(weak.start()), 60)
                    .map(j -> new Jurisdictions.Found(j.name(), j.level(), j.start() + weak.start(), j.end() + weak.start()));
            if (f.isPresent()) return f;
        }
        return Optional.empty();
    }

    private Answer text(DocumentPassages d, Prepared p, List<Ranked> ranked) {
        Ranked top = ranked.get(0);
        if (top.dense() < 0.6 && !top.keyword()) return notStated(d, p, ranked, 0.55);
        ChunkRecord ch = d.chunk(top.index());
        int[] term = Queries.findKeyTerm(ch.text().toLowerCase(Locale.ROOT), p.keyTerms());
        Sentences.Span s = term != null ? Sentences.around(ch.text(), term[0], term[1]) : bestSentence(ch.text(), p);
        String raw = ch.text().substring(s.start(), s.end());
        double conf = Math.max(0.3, Math.min(0.8, top.dense()));
        return value(d, p, ranked, raw, raw.replaceAll("\\s+", " ").strip(), null, conf, top.index(), s.start(), s.end());
    }

    // ---------------------------------------------------------------- CATEGORY

    private Answer category(DocumentPassages d, Prepared p, List<Ranked> ranked) {
        Criterion c = p.criterion();
        if (c.categories().isEmpty()) return text(d, p, ranked);
        List<String> cats = new ArrayList<>(p.categoryVectors().keySet());
        double[] score = new double[cats.size()];
        int[] where = new int[cats.size()];
        java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < Math.min(6, ranked.size()); r++) {
            int i = ranked.get(r).index();
            String norm = d.normalised().get(i);
            for (int k = 0; k < cats.size(); k++) {
                double s = DocumentPassages.dot(p.categoryVectors().get(cats.get(k)), d.vectors()[i]);
                if (norm.contains(QuoteCheck.normalise(cats.get(k)))) s += 0.1; // term evidence: the category named
                for (EvidenceEngine.Exemplar e : p.positives()) {
                    if (e.value().equalsIgnoreCase(cats.get(k)) && (e.documentId() == null || e.documentId() != d.documentId())) {
                        s = Math.max(s, DocumentPassages.dot(e.vector(), d.vectors()[i]));
                    }
                }
                if (s > score[k]) {
                    score[k] = s;
                    where[k] = i;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < cats.size(); k++) if (score[k] > score[best]) best = k;
        double second = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < cats.size(); k++) if (k != best) second = Math.max(second, score[k]);
        if (c.allowOther() && score[best] < 0.7) {
            return new Answer(c.name(), d.documentId(), Answer.Outcome.VALUE, null, "other", null, 0.5, null, Answer.Method.OFFLINE,
                    true, p.queries(), EvidenceEngine.closest(d, ranked, EvidenceEngine.CLOSEST), null, null);
        }
        List<String> chosen = new ArrayList<>();
        chosen.add(cats.get(best));
        if (c.allowMultiple()) {
            for (int k = 0; k < cats.size(); k++) if (k != best && score[k] >= score[best] - 0.02 && score[k] >= 0.7) chosen.add(cats.get(k));
        }
        double gap = cats.size() == 1 ? 0.1 : score[best] - second;
        double conf = 0.5 + 0.45 * Math.min(1, gap / 0.05);
        ChunkRecord ch = d.chunk(where[best]);
        Sentences.Span s = bestSentence(ch.text(), p);
        return value(d, p, ranked, String.join("; ", chosen), String.join("; ", chosen), null, conf, where[best], s.start(), s.end());
    }

    // ---------------------------------------------------------------- calibration from reviewed examples

    /**
     * Sets the deciders from the reviewed examples whose document is known: BOOLEAN weights and threshold
     * by the best balanced accuracy on those documents (the exemplars of a document never score it), and
     * the DATE reading that agrees with more reviewed dates. With too few examples, the defaults.
     */
    Calibration calibrate(Prepared p) {
        Criterion c = p.criterion();
        List<Criterion.Example> known = c.examples().stream().filter(e -> e.documentId() != null).toList();
        if (known.isEmpty()) return Calibration.defaults(c);
        if (c.type() == ValueType.BOOLEAN) return calibrateBoolean(p, known);
        if (c.type() == ValueType.DATE) return calibrateDate(p, known);
        return Calibration.defaults(c).from(known.size());
    }

    private Calibration calibrateBoolean(Prepared p, List<Criterion.Example> known) {
        List<DocumentPassages> docs = new ArrayList<>();
        List<List<Ranked>> ranks = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (Criterion.Example e : known) {
            DocumentPassages d;
            try {
                d = engine.document(e.documentId());
            } catch (RuntimeException ex) {
                continue; // a reviewed document since deleted teaches nothing
            }
            if (d.size() == 0) continue;
            docs.add(d);
            ranks.add(engine.rank(d, p));
            labels.add(yes(e.value()));
        }
        long pos = labels.stream().filter(b -> b).count();
        if (pos == 0 || pos == labels.size()) return Calibration.defaults(p.criterion()).from(labels.size());
        // Conservative: the defaults were tuned on many labelled documents; a handful of reviewed ones moves
        // them only when that is clearly better on those documents (by MIN_GAIN of balanced accuracy).
        Calibration base = Calibration.defaults(p.criterion());
        double baseAcc = balancedAccuracy(scores(docs, ranks, p, base), labels, base.threshold());
        Calibration best = base;
        double bestAcc = baseAcc, bestShift = 0;
        boolean terms = base.termWeight() > 0;
        List<Double> exemplarTerms = new ArrayList<>(List.of(0.0));
        if (!p.positives().isEmpty()) exemplarTerms.addAll(terms ? List.of(0.9, 0.85) : List.of(0.9, 0.85, 0.8, 0.75));
        for (double ex : exemplarTerms) {
            // Without term queries of its own, a criterion's reviewed passages become its term evidence.
            double beta = terms ? base.termWeight() : ex > 0 ? DEFAULT_TERM_WEIGHT : 0;
            Calibration probe = new Calibration(base.queryWeight(), ex, beta, 0, 0, 0, Double.NaN);
            double[] s = scores(docs, ranks, p, probe);
            double center = terms || ex == 0 ? base.threshold() : DEFAULT_TERM_THRESHOLD;
            List<Double> cuts = new ArrayList<>(List.of(center));
            double[] sorted = s.clone();
            java.util.Arrays.sort(sorted);
            for (int i = 0; i + 1 < sorted.length; i++) if (sorted[i + 1] > sorted[i]) cuts.add((sorted[i] + sorted[i + 1]) / 2);
            for (double t : cuts) {
                // A default tuned with term evidence moves little; a bare similarity threshold as far as the examples say.
                if (terms && Math.abs(t - base.threshold()) > MAX_SHIFT) continue;
                double acc = balancedAccuracy(s, labels, t);
                double shift = Math.abs(t - center) + (ex > 0 ? 0.01 : 0);
                if (acc > bestAcc + 1e-9 || Math.abs(acc - bestAcc) <= 1e-9 && shift < bestShift - 1e-9) {
                    bestAcc = acc;
                    bestShift = shift;
                    best = new Calibration(base.queryWeight(), ex, beta, t, 0, labels.size(), acc);
                }
            }
        }
        if (bestAcc - baseAcc < MIN_GAIN) {
            return new Calibration(base.queryWeight(), base.exemplarTerm(), base.termWeight(), base.threshold(), 0, labels.size(), baseAcc);
        }
        return best;
    }

    /** Balanced accuracy a calibration must gain on the reviewed documents before it replaces the defaults. */
    static final double MIN_GAIN = Double.parseDouble(System.getProperty("quarry.evidence.min_gain", "0.1"));
    /** How far reviewed documents may move the BOOLEAN threshold from its default. */
    static final double MAX_SHIFT = Double.parseDouble(System.getProperty("quarry.evidence.max_shift", "0.06"));

    private static double[] scores(List<DocumentPassages> docs, List<List<Ranked>> ranks, Prepared p, Calibration c) {
        double[] s = new double[docs.size()];
        for (int i = 0; i < docs.size(); i++) s[i] = boolScore(docs.get(i), p, ranks.get(i), c).score();
        return s;
    }

    static double balancedAccuracy(double[] s, List<Boolean> labels, double t) {
        int tp = 0, fn = 0, tn = 0, fp = 0;
        for (int i = 0; i < s.length; i++) {
            boolean y = s[i] >= t;
            if (labels.get(i)) {
                if (y) tp++;
                else fn++;
            } else if (y) fp++;
            else tn++;
        }
        double tpr = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        double tnr = tn + fp == 0 ? 1 : (double) tn / (tn + fp);
        return (tpr + tnr) / 2;
    }

    private Calibration calibrateDate(Prepared p, List<Criterion.Example> known) {
        int[] agree = new int[2];
        for (Criterion.Example e : known) {
            DocumentPassages d;
            try {
                d = engine.document(e.documentId());
            } catch (RuntimeException ex) {
                continue;
            }
            if (d.size() == 0) continue;
            List<Ranked> ranked = engine.rank(d, p);
            String want = e.value() == null ? "" : e.value().strip();
            for (int reading = 0; reading < 2; reading++) {
                List<DateCandidate> cands = dateCandidates(d, ranked, reading);
                String got = cands.isEmpty() || cands.get(0).score() < 0.5 || !cands.get(0).cued() ? "" : cands.get(0).found().iso();
                if (got.equals(want)) agree[reading]++;
            }
        }
        int reading = agree[1] > agree[0] ? 1 : 0;
        Calibration d = Calibration.defaults(p.criterion());
        return new Calibration(d.queryWeight(), d.exemplarTerm(), d.termWeight(), d.threshold(), reading, known.size(),
                known.isEmpty() ? Double.NaN : (double) agree[reading] / known.size());
    }
}
