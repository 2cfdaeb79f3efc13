package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xslf.usermodel.XMLSlideShow;

/**
 * PowerPoint 2007+ (.pptx, .pptm, .ppsx, .potx; POI XSLF): one page per slide with its speaker notes
 * ({@link SlidePages}); embedded objects become child documents ({@link EmbeddedObjects}).
 */
public final class PptxImporter implements Importer {
    static final String MEDIA = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final Set<String> EXTENSIONS = Set.of("pptx", "pptm", "ppsx", "ppsm", "potx", "potm");

    @Override
    public String name() {
        return "pptx";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        ParsedDocument pre = OfficeFiles.precheckOoxml(source, MEDIA);
        if (pre != null) return pre;
        try (OPCPackage pkg = OfficeFiles.ooxml(source.file());
             XMLSlideShow show = new XMLSlideShow(pkg)) {
            ParsedDocument parsed = ParsedDocument.completed(MEDIA, SlidePages.of(show, context.cancel()));
            POIXMLProperties.CoreProperties core = show.getProperties().getCoreProperties();
            Map<String, String> meta = new LinkedHashMap<>();
            if (core.getLastModifiedByUser() != null && !core.getLastModifiedByUser().isBlank()) {
                meta.put("lastModifiedBy", core.getLastModifiedByUser().strip());
            }
            if (core.getModified() != null) meta.put("modified", core.getModified().toInstant().toString());
            meta.put("slides", String.valueOf(show.getSlides().size()));
            java.util.Date date = core.getCreated() != null ? core.getCreated() : core.getModified();
            parsed = parsed.withInfo(DocxImporter.blankToNull(core.getTitle()), DocxImporter.blankToNull(core.getCreator()),
                    date == null ? null : date.toInstant(), meta);
            EmbeddedObjects.fromPackage(pkg, source, context);
            return parsed;
        } catch (QuarryException e) {
            throw e;
        } catch (RuntimeException | IOException | InvalidFormatException e) {
            return OfficeFiles.failure(MEDIA, "presentation", e);
        }
    }
}
