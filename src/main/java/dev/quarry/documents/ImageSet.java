package dev.quarry.documents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A document that a production gives only as page images (an Opticon OPT line per page, no native and no text
 * file): the original Quarry stores for it is this small JSON list of its pages, each the SHA-256 of its image
 * in the matter's blob store (and the frame, for a multi-page TIFF listed once per page), with its Bates number.
 * Its own SHA-256 is the document's: the same pages with the same numbers are the same document.
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"format", "pages"})
public record ImageSet(@JsonProperty("format") String format, @JsonProperty("pages") List<Page> pages) {
    public static final String FORMAT = "quarry.image-set.v1";
    public static final String MEDIA_TYPE = "application/vnd.quarry.image-set+json";
    /** What an image-set file starts with, for the importer's magic-byte check. */
    public static final byte[] MAGIC = ("{\"format\":\"" + FORMAT + "\"").getBytes(StandardCharsets.US_ASCII);

    /** One page: its image's SHA-256, the frame in that image (0 unless a multi-page TIFF), its Bates, its file's name. */
    public record Page(@JsonProperty("image") String image, @JsonProperty("frame") int frame,
                       @JsonProperty("bates") String bates, @JsonProperty("name") String name) {}

    public ImageSet {
        pages = List.copyOf(pages);
    }

    public static ImageSet of(List<Page> pages) {
        return new ImageSet(FORMAT, pages);
    }

    public byte[] encode() {
        return Json.write(this).getBytes(StandardCharsets.UTF_8);
    }

    public static ImageSet decode(byte[] bytes) throws IOException {
        ImageSet s = Json.MAPPER.readValue(bytes, ImageSet.class);
        if (!FORMAT.equals(s.format()) || s.pages() == null) throw new IOException("Not a Quarry image set");
        return s;
    }
}
