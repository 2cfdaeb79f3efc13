package dev.quarry.documents.importers;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ParsedPage;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.sl.extractor.SlideShowExtractor;
import org.apache.poi.sl.usermodel.Notes;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.Slide;
import org.apache.poi.sl.usermodel.TextShape;
import org.apache.poi.sl.usermodel.SlideShow;

/**
 * A slide show as pages: one page per slide, in show order, holding the slide's text (titles, text
 * boxes, tables, grouped shapes, as POI's {@link SlideShowExtractor} reads them) and then its speaker
 * notes under a "Notes:" line (the notes page's body text only). A slide with neither is an empty page, so page N is always slide N.
 */
final class SlidePages {
    static final String NOTES = "Notes:";

    private SlidePages() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<ParsedPage> of(SlideShow show, CancelToken cancel) {
        SlideShowExtractor slides = new SlideShowExtractor(show);
        slides.setSlidesByDefault(true);
        slides.setNotesByDefault(false);
        slides.setCloseFilesystem(false);
        List<ParsedPage> out = new ArrayList<>();
        for (Object o : show.getSlides()) {
            cancel.throwIfCancelled();
            Slide slide = (Slide) o;
            String text = slides.getText(slide).strip();
            String note = notes(slide);
            StringBuilder page = new StringBuilder(text);
            if (!note.isEmpty()) {
                if (page.length() > 0) page.append("\n\n");
                page.append(NOTES).append('\n').append(note);
            }
            if (page.length() > 0) page.append('\n');
            String t = page.length() > ParsedPage.MAX_CHARS ? page.substring(0, ParsedPage.MAX_CHARS) : page.toString();
            out.add(ParsedPage.text(out.size() + 1, t));
        }
        if (out.isEmpty()) out.add(ParsedPage.text(1, ""));
        return out;
    }

    /**
     * The speaker notes: the text of the notes page's body placeholder (and of any text box the author
     * added), not its header, date, slide image or slide number placeholders.
     */
    @SuppressWarnings("rawtypes")
    static String notes(Slide slide) {
        Notes notes = slide.getNotes();
        if (notes == null) return "";
        StringBuilder sb = new StringBuilder();
        for (Object o : notes.getShapes()) {
            if (!(o instanceof TextShape t)) continue;
            Placeholder p = t.getPlaceholder();
            if (p != null && p != Placeholder.BODY) continue;
            String text = t.getText();
            if (text == null || text.isBlank()) continue;
            if (sb.length() > 0) sb.append('\n');
            sb.append(text.strip());
        }
        return sb.toString();
    }
}
