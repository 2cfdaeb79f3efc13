package dev.quarry.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where containers put what they contain. Children are queued as new items of the same import job and
 * imported after their container, each with its own status; a child never stops its siblings.
 */
public interface ChildSink {

    /** A child whose bytes come from a stream (a ZIP entry, an attachment); they are stored in the matter. */
    void add(String fileName, String sourcePath, InputStream content, Map<String, String> fields) throws IOException;

    /** A child that is a file on disk next to the container (a load-file volume's natives or text). */
    void addFile(Path file, String fileName, String sourcePath, Map<String, String> fields);

    /**
     * Stores bytes in the matter without making them a document of their own (a production's page images,
     * which become pages of an {@link ImageSet}); returns their SHA-256.
     */
    default String store(InputStream content) throws IOException {
        throw new UnsupportedOperationException("This import cannot store page images");
    }
}
