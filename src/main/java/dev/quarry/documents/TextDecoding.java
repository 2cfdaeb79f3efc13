package dev.quarry.documents;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes of unknown encoding: a byte-order mark wins, then strict UTF-8, then Windows-1252
 * (what legacy productions and e-mail bodies mostly are). The BOM is not part of the text.
 */
public final class TextDecoding {
    private TextDecoding() {}

    public static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** Whether the first bytes look like text rather than a binary format. */
    public static boolean looksLikeText(byte[] head) {
        if (head.length == 0) return true;
        int control = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) return false;
            if (c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B)) control++;
        }
        return control * 100 / head.length < 2;
    }
}
