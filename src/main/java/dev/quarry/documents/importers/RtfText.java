package dev.quarry.documents.importers;

import com.rtfparserkit.converter.text.StringTextConverter;
import com.rtfparserkit.parser.RtfStreamSource;
import com.rtfparserkit.rtf.Command;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of an RTF document (rtfparserkit): code pages, font charsets and {@code \\u} escapes decoded;
 * the font and colour tables, pictures, the info block and other ignorable destinations skipped; a
 * table cell ends with a tab, a row with a line break. An explicit {@code \\page} starts a new page.
 */
final class RtfText {
    private static final char PAGE = '\f';

    private RtfText() {}

    /** The pages of the RTF in {@code bytes}, split at explicit page breaks; one page when there are none. */
    static List<String> pages(byte[] bytes) throws IOException {
        return read(bytes).pages();
    }

    /** The pages read, and whether the RTF broke off before its end (truncated or damaged). */
    record Result(List<String> pages, boolean damaged) {}

    /**
     * Reads as far as the RTF is well formed: a file cut short or damaged midway keeps the text before
     * the damage ({@code damaged} true); nothing read is thrown away.
     */
    static Result read(byte[] bytes) throws IOException {
        Converter c = new Converter();
        boolean damaged = false;
        try {
            c.convert(new RtfStreamSource(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException e) {
            // rtfparserkit signals unbalanced groups and cut-off control words with runtime exceptions. A
            // file cut short lacks its closing braces: read it again closed, else keep what came first.
            damaged = true;
            Converter closed = new Converter();
            try {
                closed.convert(new RtfStreamSource(new ByteArrayInputStream(closed(bytes))));
                c = closed;
            } catch (RuntimeException again) {
                if (c.getText().isBlank()) throw e;
            }
        }
        List<String> out = new ArrayList<>();
        for (String page : c.getText().split(String.valueOf(PAGE), -1)) {
            if (!page.isBlank() || out.isEmpty()) out.add(page);
        }
        return new Result(out, damaged);
    }

    /** The whole text, pages joined with a line break (for a message body). */
    static String text(byte[] bytes) throws IOException {
        return String.join("\n", pages(bytes));
    }

    /** The bytes with as many closing braces added as groups are left open (escaped braces aside). */
    static byte[] closed(byte[] bytes) {
        int depth = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\') i++;
            else if (bytes[i] == '{') depth++;
            else if (bytes[i] == '}') depth--;
        }
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + Math.max(0, depth));
        java.util.Arrays.fill(out, bytes.length, out.length, (byte) '}');
        return out;
    }

    /** Whether {@code head} starts an RTF document. */
    static boolean isRtf(byte[] head) {
        return head.length >= 5 && head[0] == '{' && head[1] == '\\' && head[2] == 'r' && head[3] == 't' && head[4] == 'f';
    }

    private static final class Converter extends StringTextConverter {
        @Override
        public void processCommand(Command command, int parameter, boolean hasParameter, boolean optional) {
            super.processCommand(command, parameter, hasParameter, optional);
            if (command == Command.page) processExtractedText(String.valueOf(PAGE));
        }
    }
}
