package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.poi.hpsf.SummaryInformation;
import org.apache.poi.hslf.usermodel.HSLFObjectData;
import org.apache.poi.hslf.usermodel.HSLFObjectShape;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * PowerPoint 97–2003 (.ppt, .pps, .pot; POI HSLF): one page per slide with its speaker notes
 * ({@link SlidePages}); embedded OLE objects become child documents. A .ppt that is really a .pptx is
 * read as one.
 */
public final class PptImporter implements Importer {
    static final String MEDIA = "application/vnd.ms-powerpoint";
    private static final Set<String> EXTENSIONS = Set.of("ppt", "pps", "pot");

    @Override
    public String name() {
        return "ppt";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        if (Files.size(source.file()) == 0) return ParsedDocument.failed(MEDIA, OfficeFiles.EMPTY);
        byte[] head = OfficeFiles.head(source.file());
        if (OfficeFiles.isZip(head)) return new PptxImporter().parse(source, context);
        if (!OfficeFiles.isOle2(head)) {
            return ParsedDocument.failed(MEDIA, "The file is not a PowerPoint presentation Quarry can read (it may be damaged or of an older format).");
        }
        try (POIFSFileSystem fs = OfficeFiles.ole2(source.file())) {
            if (fs.getRoot().hasEntry("EncryptionInfo")) return ParsedDocument.passwordRequired(MEDIA, OfficeFiles.PASSWORD);
            try (HSLFSlideShow show = new HSLFSlideShow(fs)) {
                ParsedDocument parsed = ParsedDocument.completed(MEDIA, SlidePages.of(show, context.cancel()));
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("slides", String.valueOf(show.getSlides().size()));
                SummaryInformation info = show.getSlideShowImpl().getSummaryInformation();
                if (info != null) {
                    if (info.getLastAuthor() != null && !info.getLastAuthor().isBlank()) meta.put("lastModifiedBy", info.getLastAuthor().strip());
                    java.util.Date date = info.getCreateDateTime() != null ? info.getCreateDateTime() : info.getLastSaveDateTime();
                    parsed = parsed.withInfo(DocxImporter.blankToNull(info.getTitle()), DocxImporter.blankToNull(info.getAuthor()),
                            date == null ? null : date.toInstant(), meta);
                } else {
                    parsed = parsed.withInfo(null, null, null, meta);
                }
                embedded(show, source, context);
                return parsed;
            }
        } catch (QuarryException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            return OfficeFiles.failure(MEDIA, "presentation", e);
        }
    }

    private static void embedded(HSLFSlideShow show, Source source, ImportContext context) throws IOException {
        EmbeddedObjects objects = new EmbeddedObjects(source, context);
        int index = 0;
        for (var slide : show.getSlides()) {
            for (var shape : slide.getShapes()) {
                if (!(shape instanceof HSLFObjectShape ole)) continue;
                context.cancel().throwIfCancelled();
                index++;
                HSLFObjectData data = ole.getObjectData();
                if (data == null) continue;
                byte[] bytes;
                try (InputStream in = data.getInputStream()) {
                    bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, context.maxFileBytes()));
                }
                objects.add("object" + index + ".bin", bytes);
            }
        }
    }
}
