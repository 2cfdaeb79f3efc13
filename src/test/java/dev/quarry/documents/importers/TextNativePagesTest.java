package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.ChunkRecord;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageRecord;
import dev.quarry.testing.BatesVolume;
import dev.quarry.testing.WordTokenCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text natives and TEXT/ files of a load-file volume take the OPT's pages where the text shows where they
 * break (form feeds, a printed Bates stamp), each page its own Bates number, with offsets that still point
 * into the file; an unbroken text stays one page, and any Bates number of its range finds it.
 */
class TextNativePagesTest {
    @TempDir
    Path dir;
    private Matter matter;
    private DocumentRepository docs;
    private Map<String, DocumentSummary> byBegin;

    @BeforeEach
    void importVolume() throws IOException {
        Path vol = BatesVolume.write(dir.resolve("in"));
        matter = Matter.create(dir.resolve("matter"), "bates", null, null);
        ImportService service = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 2);
        service.run(service.plan(List.of(vol), "VOL001"), ProgressListener.NONE, new CancelToken());
        docs = new DocumentRepository(matter.db());
        byBegin = docs.listAll().stream().collect(Collectors.toMap(DocumentSummary::batesBegin, Function.identity()));
    }

    @AfterEach
    void close() {
        matter.close();
    }

    private static List<String> bates(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(BatesVolume::bates).toList();
    }

    /** Every chunk's text is exactly its span of the full text (pages joined with one form feed). */
    private void assertOffsetsExact(long id) {
        String full = docs.fullText(id);
        List<ChunkRecord> chunks = docs.chunks(id);
        assertThat(chunks).isNotEmpty();
        for (ChunkRecord c : chunks) {
            assertThat(full.substring((int) c.docStartChar(), (int) c.docEndChar())).isEqualTo(c.text());
        }
    }

    @Test
    void aNativeWithFormFeedsTakesTheOptPagesAndItsFullTextIsTheFile() {
        DocumentSummary d = byBegin.get("XYZ0000001");
        assertThat(d.pages()).isEqualTo(4);
        assertThat(docs.pages(d.id())).extracting(PageRecord::bates).containsExactlyElementsOf(bates(1, 4));
        assertThat(docs.fullText(d.id())).isEqualTo(BatesVolume.FORM_FEED_TEXT);
        assertOffsetsExact(d.id());
    }

    @Test
    void aNativeWithAStampAtEachFootIsSplitAfterTheStampsAndKeepsTheFileOffsets() {
        DocumentSummary d = byBegin.get("XYZ0000005");
        assertThat(d.pages()).isEqualTo(3);
        List<PageRecord> pages = docs.pages(d.id());
        assertThat(pages).extracting(PageRecord::bates).containsExactlyElementsOf(bates(5, 7));
        assertThat(pages.get(0).text().strip()).startsWith("Lease between").endsWith("XYZ0000005");
        assertThat(pages.get(1).text().strip()).startsWith("The tenant shall insure").endsWith("XYZ0000006");
        assertThat(pages.get(2).text().strip()).startsWith("Signed by both").endsWith("XYZ0000007");
        // The line break that ends a page becomes the form feed: offsets into the full text are the file's.
        String full = docs.fullText(d.id());
        assertThat(full).hasSameSizeAs(BatesVolume.FOOTER_TEXT);
        assertThat(full.replace('\f', '\n')).isEqualTo(BatesVolume.FOOTER_TEXT);
        assertOffsetsExact(d.id());
    }

    @Test
    void aProducedTextFileWithAStampAtEachHeadIsSplitBeforeTheStamps() {
        DocumentSummary d = byBegin.get("XYZ0000084");
        assertThat(d.pages()).isEqualTo(2);
        List<PageRecord> pages = docs.pages(d.id());
        assertThat(pages).extracting(PageRecord::bates).containsExactly("XYZ0000084", "XYZ0000085");
        assertThat(pages).extracting(PageRecord::text)
                .containsExactly("XYZ0000084\nMemo to the board about the merger.", "XYZ0000085\nSecond page: the vote.\n");
        assertThat(docs.fullText(d.id()).replace('\f', '\n')).isEqualTo(BatesVolume.HEADER_TEXT);
        assertOffsetsExact(d.id());
    }

    @Test
    void anUnbrokenNativeStaysOnePageWithItsRange() {
        DocumentSummary d = byBegin.get("XYZ0000008");
        assertThat(d.pages()).isEqualTo(1);
        assertThat(d.batesEnd()).isEqualTo("XYZ0000083");
        assertThat(docs.pages(d.id())).extracting(PageRecord::bates).containsExactly("XYZ0000008\u2013XYZ0000083");
        assertThat(docs.fullText(d.id())).isEqualTo(BatesVolume.noBreakText());
    }
}
