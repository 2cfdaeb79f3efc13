package dev.quarry.documents;

import java.io.IOException;

/**
 * Turns one file format into pages of text. Implementations are stateless and thread-safe. A format
 * problem in the file (encrypted, corrupt, empty, image-only) is a returned status with a reason, not
 * an exception; exceptions are for I/O failures and bugs, and the import service turns them into a
 * FAILED document too. Either way the import goes on with the next file.
 */
public interface Importer {

    /** Short name for logs and the media-type column's fallback, e.g. "pdf". */
    String name();

    /** Whether this importer reads the file: by extension, or by its first bytes ({@code head}). */
    boolean accepts(Source source, byte[] head);

    ParsedDocument parse(Source source, ImportContext context) throws IOException;
}
