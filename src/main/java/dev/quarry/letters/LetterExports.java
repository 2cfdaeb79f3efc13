package dev.quarry.letters;

import dev.quarry.core.Hashing;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.model.Report;
import dev.quarry.export.Doc;
import dev.quarry.export.DocxWriter;
import dev.quarry.export.MarkdownDoc;
import dev.quarry.export.PdfWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A letter version as DOCX or PDF, and the California separate statement (CRC 3.1345) as DOCX. All three
 * come from Markdown through the same parse (the preview's), and export refuses while a required field is
 * missing or a placeholder is left in the text.
 */
public final class LetterExports {
    public static final List<String> FORMATS = List.of("docx", "pdf", "separate-statement");

    private final LetterService letters;
    private final LetterModel.DocumentBates bates;

    public LetterExports(LetterService letters, LetterModel.DocumentBates bates) {
        this.letters = letters;
        this.bates = bates == null ? LetterModel.DocumentBates.NONE : bates;
    }

    public record Exported(Path file, String format, int version, String sha256) {}

    public Exported export(long letterId, Integer version, String format, Path out, String who) {
        String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) throw new QuarryException("--format is docx, pdf or separate-statement (not \"" + format + "\").");
        LetterService.LetterView v = letters.show(letterId, version);
        refuseIfIncomplete(v);
        Letter l = v.letter();
        String title = "Letter " + l.id() + " v" + v.version().version();
        try {
            if (out.getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new QuarryException("Could not create the folder for " + out + ": " + e.getMessage(), e);
        }
        switch (f) {
            case "docx" -> DocxWriter.write(MarkdownDoc.parse(title, v.version().content(), true), out);
            case "pdf" -> PdfWriter.write(MarkdownDoc.xhtmlPage(title, v.version().content(), PdfWriter.LETTER_CSS), out);
            default -> {
                if (!"california".equals(l.style())) {
                    throw new QuarryException("A separate statement (Cal. Rules of Court, rule 3.1345) is for California letters; letter "
                            + l.id() + " follows the " + l.style() + " rules.");
                }
                DocxWriter.write(separateStatement(v), out);
            }
        }
        String sha;
        try {
            sha = Hashing.sha256(out);
        } catch (IOException e) {
            throw new QuarryException("Could not read back " + out + ": " + e.getMessage(), e);
        }
        letters.repository().recordExport(l.id(), v.version().version(), f, out.toAbsolutePath().toString(), sha, who);
        letters.audit().record("letter.exported", "letter", String.valueOf(l.id()), Map.of("version", v.version().version(),
                "format", f, "file", out.toAbsolutePath().toString(), "sha256", sha));
        return new Exported(out, f, v.version().version(), sha);
    }

    static void refuseIfIncomplete(LetterService.LetterView v) {
        if (!v.missingFields().isEmpty()) {
            throw new QuarryException("The letter cannot be exported while required fields are missing: "
                    + String.join(", ", v.missingFields()) + ".");
        }
        if (!v.placeholders().isEmpty()) {
            throw new QuarryException("The letter cannot be exported while it holds placeholders: "
                    + String.join(", ", v.placeholders()) + ".");
        }
    }

    /** The separate statement's Markdown, from its template, the report drafted from and the version's metadata. */
    public String separateStatementMarkdown(LetterService.LetterView v) {
        Report r = letters.snapshot(v.letter());
        Templates.Template t = Templates.builtIn("separate-statement");
        Map<String, Object> model = LetterModel.build(r, v.version().meta(), "california", v.deadlines(), bates);
        String md = Templates.render(t, model);
        List<String> left = Placeholders.find(md);
        if (!left.isEmpty()) {
            throw new QuarryException("The separate statement cannot be exported while it holds placeholders: " + String.join(", ", left) + ".");
        }
        return md;
    }

    Doc separateStatement(LetterService.LetterView v) {
        return MarkdownDoc.parse("Separate statement, letter " + v.letter().id(), separateStatementMarkdown(v), true);
    }
}
