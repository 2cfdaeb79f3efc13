package dev.quarry.documents;

import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of one file read with the importers, without putting it in a matter: what features read when
 * the user hands them a document to parse (deficiency review's requests and responses). The pages come
 * back exactly as the importer extracted them, with the importer's media type.
 */
public final class FileText {
    private static final long MAX_BYTES = 200L * 1024 * 1024;

    /** The pages' text and the media type; {@code paged} is true when the format has real pages (PDF). */
    public record Text(String fileName, String mediaType, List<String> pages, boolean paged) {
        public Text {
            pages = List.copyOf(pages);
        }

        public String joined() {
            return String.join("\n", pages);
        }
    }

    private FileText() {}

    /** Reads a file; a file that cannot be read or holds no text is a {@link QuarryException} naming it. */
    public static Text read(Path file) {
        if (!Files.isRegularFile(file)) throw new QuarryException("There is no file " + file + ".");
        try {
            Source source = new Source(file, file.getFileName().toString(), file.toString(), Files.size(file), Map.of());
            Importer importer = Importers.defaults().find(source)
                    .orElseThrow(() -> new QuarryException("Quarry cannot read the format of " + file.getFileName() + "."));
            ParsedDocument doc = importer.parse(source, new ImportContext(null, CancelToken.none(), MAX_BYTES, MAX_BYTES, 0));
            if (doc.status() != DocumentStatus.COMPLETED) {
                throw new QuarryException(file.getFileName() + " could not be read: " + doc.reason());
            }
            List<String> pages = new ArrayList<>();
            for (ParsedPage p : doc.pages()) pages.add(p.text());
            if (pages.stream().allMatch(String::isBlank)) {
                throw new QuarryException(file.getFileName() + " holds no text (a scan needs OCR first).");
            }
            return new Text(file.getFileName().toString(), doc.mediaType(), pages, "pdf".equals(importer.name()));
        } catch (IOException e) {
            throw new QuarryException("Could not read " + file.getFileName() + ".", e);
        }
    }
}
