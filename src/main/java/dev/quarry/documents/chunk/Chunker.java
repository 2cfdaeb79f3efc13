package dev.quarry.documents.chunk;

import dev.quarry.core.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page-aware, sentence-aware chunking. A chunk never crosses a page (so every citation has one page),
 * is cut at sentence or paragraph ends, holds at most {@code maxTokens} tokens of the real tokenizer,
 * and starts with up to {@code overlapTokens} tokens of whole sentences from the end of the previous
 * chunk. A chunk's text is exactly {@code page.substring(start, end)}.
 *
 * <p>Token counts add up across whitespace-separated pieces for WordPiece tokenizers (the pre-tokenizer
 * splits on whitespace and punctuation first), so a chunk's count is the sum of its sentences' counts
 * and each sentence is tokenized once.
 */
public final class Chunker {
    private static final Pattern PARAGRAPH = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");
    private static final Pattern WORD = Pattern.compile("\\S+");

    private final TokenCounter tokens;
    private final int maxTokens;
    private final int overlapTokens;

    /** The smallest chunk size the chunker takes (setting {@code chunk.max_tokens}). */
    public static final int MIN_MAX_TOKENS = 16;

    /** The largest overlap a chunk of {@code maxTokens} takes: below half of it, so every chunk moves forward. */
    public static int maxOverlap(int maxTokens) {
        return maxTokens / 2 - 1;
    }

    public Chunker(TokenCounter tokens, int maxTokens, int overlapTokens) {
        if (maxTokens < MIN_MAX_TOKENS) throw new IllegalArgumentException("maxTokens must be at least " + MIN_MAX_TOKENS);
        if (overlapTokens < 0 || overlapTokens > maxOverlap(maxTokens)) {
            throw new IllegalArgumentException("overlapTokens must be between 0 and half of maxTokens");
        }
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    private record Span(int start, int end, int tokens) {}

    public List<ChunkSpec> chunk(int pageNumber, String text) {
        List<Span> units = units(text);
        List<ChunkSpec> out = new ArrayList<>();
        int i = 0;
        while (i < units.size()) {
            int first = i;
            int sum = 0;
            while (i < units.size() && (i == first || sum + units.get(i).tokens() <= maxTokens)) {
                sum += units.get(i).tokens();
                i++;
            }
            int start = units.get(first).start(), end = units.get(i - 1).end();
            out.add(new ChunkSpec(pageNumber, start, end, text.substring(start, end), Math.max(1, sum)));
            if (i >= units.size()) break;
            // Step back over whole units for the overlap, but always move forward.
            int back = i, overlap = 0;
            while (back - 1 > first && overlap + units.get(back - 1).tokens() <= overlapTokens) {
                overlap += units.get(back - 1).tokens();
                back--;
            }
            i = back;
        }
        return out;
    }

    /** Sentences (and paragraphs), each split further by words when it alone exceeds maxTokens. */
    private List<Span> units(String text) {
        List<int[]> sentences = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        Matcher para = PARAGRAPH.matcher(text);
        int from = 0;
        while (from < text.length()) {
            int to = para.find(from) ? para.end() : text.length();
            it.setText(text.substring(from, to));
            int s = it.first();
            for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
                addTrimmed(sentences, text, from + s, from + e);
            }
            from = to;
        }
        List<String> texts = new ArrayList<>(sentences.size());
        for (int[] s : sentences) texts.add(text.substring(s[0], s[1]));
        int[] counts = tokens.countAll(texts);
        List<Span> units = new ArrayList<>(sentences.size());
        for (int k = 0; k < sentences.size(); k++) {
            int[] s = sentences.get(k);
            if (counts[k] <= maxTokens) {
                units.add(new Span(s[0], s[1], Math.max(counts[k], 1)));
            } else {
                splitByWords(text, s[0], s[1], units);
            }
        }
        return units;
    }

    /** A sentence longer than maxTokens (tables, run-on clauses): cut between words. */
    private void splitByWords(String text, int start, int end, List<Span> out) {
        Matcher w = WORD.matcher(text).region(start, end);
        List<int[]> words = new ArrayList<>();
        List<String> wordTexts = new ArrayList<>();
        while (w.find()) {
            words.add(new int[] {w.start(), w.end()});
            wordTexts.add(w.group());
        }
        int[] counts = tokens.countAll(wordTexts);
        int pieceStart = -1, pieceEnd = -1, sum = 0;
        for (int k = 0; k < words.size(); k++) {
            int c = Math.max(1, counts[k]);
            if (pieceStart >= 0 && sum + c > maxTokens) {
                out.add(new Span(pieceStart, pieceEnd, sum));
                pieceStart = -1;
                sum = 0;
            }
            if (c > maxTokens) {
                // One "word" longer than a chunk (a base64 blob, a URL run): cut it by characters.
                int[] wd = words.get(k);
                int step = Math.max(1, (int) ((long) (wd[1] - wd[0]) * maxTokens / c));
                for (int p = wd[0]; p < wd[1]; p += step) {
                    int q = Math.min(wd[1], p + step);
                    out.add(new Span(p, q, Math.max(1, Math.min(maxTokens, tokens.count(text.substring(p, q))))));
                }
                continue;
            }
            if (pieceStart < 0) pieceStart = words.get(k)[0];
            pieceEnd = words.get(k)[1];
            sum += c;
        }
        if (pieceStart >= 0) out.add(new Span(pieceStart, pieceEnd, sum));
    }

    private static void addTrimmed(List<int[]> out, String text, int s, int e) {
        while (s < e && Character.isWhitespace(text.charAt(s))) s++;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        if (e > s) out.add(new int[] {s, e});
    }
}
