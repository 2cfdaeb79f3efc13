package dev.quarry.cli;

import dev.quarry.app.LetterWiring;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.model.Report;
import dev.quarry.letters.Deadlines;
import dev.quarry.letters.LetterDiff;
import dev.quarry.letters.LetterExports;
import dev.quarry.letters.LetterMeta;
import dev.quarry.letters.LetterPolisher;
import dev.quarry.letters.LetterService;
import dev.quarry.letters.LetterVersion;
import dev.quarry.letters.ReportJson;
import dev.quarry.letters.Templates;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "letter", description = "Draft, edit, compare and export good-faith letters from deficiency reports.",
        subcommands = {LetterCommand.Draft.class, LetterCommand.Show.class, LetterCommand.Edit.class, LetterCommand.Diff.class,
                LetterCommand.Export.class, LetterCommand.Polish.class, LetterCommand.TemplatesCmd.class})
final class LetterCommand {
    static String who() {
        return System.getProperty("user.name");
    }

    static LetterWiring.Letters letters(Matter m, boolean withModel) {
        LlmGateway g = withModel ? LlmGateway.forMatter(m, LlmSettings.resolve(m.settings(), System.getenv(), ApiKeys.userDefault()).orElse(null)) : null;
        return LetterWiring.forMatter(m, g);
    }

    static Map<String, Object> deadlines(Deadlines d) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("respond_by", d.respondBy() == null ? null : d.respondBy().toString());
        x.put("motion_to_compel_by", d.motionToCompelBy() == null ? null : d.motionToCompelBy().toString());
        return x;
    }

    @Command(name = "draft", description = "Draft a letter from a deficiency report with a template; prints its id, version, deadlines and missing fields.")
    static final class Draft implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--report", required = true, paramLabel = "REPORT", description = "The report's id in the matter, or a report JSON file (as deficiency report --json prints it).") String report;
        @Option(names = "--template", required = true, paramLabel = "NAME", description = "federal, california, plain, or a template of your own.") String template;
        @Option(names = "--meta", paramLabel = "META.json", description = "The letter's metadata: date, sender, recipients, service of the responses, the time given, the conference offer.") Path meta;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            LetterMeta lm = meta == null ? LetterMeta.empty() : LetterMeta.read(meta);
            try (Matter m = Matter.open(dir, Passwords.forMatter(dir, passwordEnv))) {
                LetterService s = letters(m, false).service();
                LetterService.LetterView v;
                if (report.strip().matches("\\d{1,18}") && !Files.isRegularFile(Path.of(report.strip()))) {
                    v = s.draft(Long.parseLong(report.strip()), template, lm, who());
                } else {
                    Path f = Path.of(report);
                    if (!Files.isRegularFile(f)) throw new QuarryException("--report is a report id in the matter or a report JSON file; " + report + " is neither.");
                    Report r = ReportJson.read(f);
                    v = s.draft(r, template, lm, who());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("letter_id", v.letter().id());
                out.put("version", v.version().version());
                out.put("deadlines", deadlines(v.deadlines()));
                out.put("missing_fields", v.missingFields());
                if (json) {
                    System.out.println(Json.write(out));
                } else {
                    System.out.println("Drafted letter " + v.letter().id() + " (version 1, " + v.letter().template() + " template).");
                    if (v.deadlines().respondBy() != null) System.out.println("Respond by: " + v.deadlines().respondBy());
                    if (v.deadlines().motionToCompelBy() != null) System.out.println("Motion to compel by: " + v.deadlines().motionToCompelBy());
                    if (!v.missingFields().isEmpty()) System.out.println("Missing before it can be exported: " + String.join(", ", v.missingFields()) + ".");
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = false, description = "Show a letter's text, metadata, deadlines, versions and whether its report changed since.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "LETTER", description = "The letter's id.") long letter;
        @Option(names = "--version", paramLabel = "V", description = "The version to show (default: the latest).") Integer version;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() throws IOException {
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                LetterService s = letters(m, false).service();
                LetterService.LetterView v = s.show(letter, version);
                if (!json) {
                    System.out.print(v.version().content());
                    if (v.staleNotice() != null) System.err.println("quarry: " + v.staleNotice());
                    return 0;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("letter_id", v.letter().id());
                out.put("report_id", v.letter().reportId());
                out.put("template", v.letter().template());
                out.put("style", v.letter().style());
                out.put("version", v.version().version());
                out.put("latest_version", v.letter().latestVersion());
                out.put("created_by", v.version().createdBy());
                out.put("created_at", v.version().createdAt().toString());
                out.put("source", v.version().source());
                out.put("content", v.version().content());
                out.put("meta", Json.MAPPER.readTree(v.version().meta().toJson()));
                out.put("deadlines", deadlines(v.deadlines()));
                out.put("deadline_steps", v.deadlines().steps());
                out.put("missing_fields", v.missingFields());
                out.put("placeholders", v.placeholders());
                out.put("report_version", v.version().reportVersion());
                out.put("report_changed", v.reportChanged());
                out.put("changed_requests", v.changedRequests());
                out.put("notice", v.staleNotice());
                out.put("versions", s.versions(letter).stream().map(LetterCommand::versionRow).toList());
                System.out.println(Json.write(out));
            }
            return 0;
        }
    }

    static Map<String, Object> versionRow(LetterVersion x) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", x.version());
        r.put("created_by", x.createdBy());
        r.put("created_at", x.createdAt().toString());
        r.put("source", x.source());
        r.put("note", x.note());
        return r;
    }

    @Command(name = "edit", description = "Save an edited draft (Markdown) as the letter's next version.")
    static final class Edit implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "LETTER", description = "The letter's id.") long letter;
        @Option(names = "--file", required = true, paramLabel = "DRAFT.md", description = "The edited letter in Markdown.") Path file;
        @Option(names = "--note", paramLabel = "TEXT", description = "What changed, kept with the version.") String note;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new QuarryException("Could not read " + file + ": " + e.getMessage(), e);
            }
            try (Matter m = Matter.open(dir, Passwords.forMatter(dir, passwordEnv))) {
                LetterService.LetterView v = letters(m, false).service().edit(letter, text, who(), note);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("letter_id", letter);
                out.put("version", v.version().version());
                out.put("missing_fields", v.missingFields());
                out.put("placeholders", v.placeholders());
                if (json) System.out.println(Json.write(out));
                else System.out.println("Saved letter " + letter + " as version " + v.version().version() + ".");
            }
            return 0;
        }
    }

    @Command(name = "diff", description = "Show what changed between two versions of a letter (a unified diff).")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "LETTER", description = "The letter's id.") long letter;
        @Option(names = "--from", required = true, paramLabel = "V", description = "The earlier version.") int from;
        @Option(names = "--to", required = true, paramLabel = "W", description = "The later version.") int to;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                LetterDiff d = letters(m, false).service().diff(letter, from, to);
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("letter_id", letter);
                    out.put("from", from);
                    out.put("to", to);
                    out.put("added", d.added());
                    out.put("removed", d.removed());
                    out.put("diff", d.unified());
                    System.out.println(Json.write(out));
                } else {
                    System.out.print(d.unified().isEmpty() ? "Versions " + from + " and " + to + " are the same.\n" : d.unified());
                }
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = false, description = "Export a letter version as DOCX or PDF, or a California separate statement as DOCX.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "LETTER", description = "The letter's id.") long letter;
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "docx, pdf or separate-statement.") String format;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.") Path out;
        @Option(names = "--version", paramLabel = "V", description = "The version to export (default: the latest).") Integer version;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!LetterExports.FORMATS.contains(format)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format is docx, pdf or separate-statement, not '" + format + "'");
            }
            try (Matter m = Matter.open(dir, Passwords.forMatter(dir, passwordEnv))) {
                LetterExports.Exported e = letters(m, false).exports().export(letter, version, format, out, who());
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("letter_id", letter);
                    o.put("version", e.version());
                    o.put("format", e.format());
                    o.put("file", e.file().toAbsolutePath().toString());
                    o.put("sha256", e.sha256());
                    System.out.println(Json.write(o));
                } else {
                    System.out.println("Wrote version " + e.version() + " of letter " + letter + " to " + e.file().toAbsolutePath() + ".");
                }
            }
            return 0;
        }
    }

    @Command(name = "polish", mixinStandardHelpOptions = false, description = "Have the configured language model polish a letter's wording; refused unless every number, date and quotation still matches.")
    static final class Polish implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "LETTER", description = "The letter's id.") long letter;
        @Option(names = "--version", paramLabel = "V", description = "The version to polish (default: the latest).") Integer version;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (Matter m = Matter.open(dir, Passwords.forMatter(dir, passwordEnv))) {
                LetterPolisher.Outcome o = letters(m, true).polisher().polish(letter, version, who());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("letter_id", letter);
                out.put("accepted", o.accepted());
                out.put("version", o.saved() == null ? null : o.saved().version().version());
                out.put("missing", o.check().missing());
                out.put("added", o.check().added());
                if (json) System.out.println(Json.write(out));
                else if (o.accepted()) System.out.println("Saved the polished letter as version " + o.saved().version().version() + ".");
                if (!o.accepted()) {
                    if (!json) System.err.println("quarry: The polished text was refused because it changed what the draft says:\n" + o.check().describe());
                    return 1;
                }
            }
            return 0;
        }
    }

    @Command(name = "templates", description = "List the letter templates, or copy one into your templates folder to edit.")
    static final class TemplatesCmd implements Callable<Integer> {
        @Option(names = "--copy", paramLabel = "NAME", description = "The template to copy.") String copy;
        @Option(names = "--to", paramLabel = "NEW", description = "The copy's name (with --copy).") String to;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            Templates t = Templates.forHome(dev.quarry.core.AppDirs.home());
            if (copy != null) {
                if (to == null) throw new QuarryException("--copy needs --to NEW, the name of the copy.");
                Path p = t.copy(copy, to);
                System.out.println(json ? Json.write(Map.of("template", to, "file", p.toString())) : "Copied " + copy + " to " + p + "; edit it there.");
                return 0;
            }
            List<Templates.Template> all = t.list();
            if (json) {
                System.out.println(Json.write(all.stream().map(x -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("name", x.name());
                    r.put("style", x.style());
                    r.put("file", x.file() == null ? null : x.file().toString());
                    return r;
                }).toList()));
            } else {
                for (Templates.Template x : all) System.out.println(x.name() + "  " + x.style() + "  " + (x.file() == null ? "built in" : x.file()));
                System.out.println("Your templates folder: " + t.userDir());
            }
            return 0;
        }
    }
}
