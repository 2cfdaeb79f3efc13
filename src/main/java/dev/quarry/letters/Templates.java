package dev.quarry.letters;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Letter templates: Mustache files that render Markdown. Three are built in (federal, california, plain);
 * a firm's own live beside them in Quarry's data folder, {@code templates/letters/NAME.md.mustache}, and
 * a file there with a built-in name is used instead of the built-in one. A template names the rules it
 * follows (which deadlines and which required fields) in its first comment:
 * {@code {{! quarry-style: federal }}}; without one it counts as plain.
 *
 * <p>Values are escaped for Markdown ({@code {{name}}}), so a request's asterisks or brackets stay text;
 * {@code {{{name}}}} writes a value as it is (the provenance markers).
 */
public final class Templates {
    public static final List<String> BUILT_IN = List.of("federal", "california", "plain");
    public static final String SUFFIX = ".md.mustache";
    private static final Pattern STYLE = Pattern.compile("\\{\\{!\\s*quarry-style:\\s*(federal|california|plain)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,60}");

    public record Template(String name, String style, String text, Path file) {
        public boolean builtIn() { return file == null; }
    }

    private final Path userDir;

    /** @param userDir the folder of user templates (may not exist yet) */
    public Templates(Path userDir) {
        this.userDir = userDir;
    }

    public static Templates forHome(Path home) {
        return new Templates(home.resolve("templates").resolve("letters"));
    }

    public Path userDir() {
        return userDir;
    }

    /** Every template, user ones first where they replace a built-in one. */
    public List<Template> list() {
        Map<String, Template> all = new TreeMap<>();
        for (String n : BUILT_IN) all.put(n, builtIn(n));
        if (userDir != null && Files.isDirectory(userDir)) {
            try (Stream<Path> s = Files.list(userDir)) {
                s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(p -> {
                    String n = p.getFileName().toString();
                    n = n.substring(0, n.length() - SUFFIX.length());
                    if (NAME.matcher(n).matches()) all.put(n, fromFile(n, p));
                });
            } catch (IOException e) {
                throw new QuarryException("Could not list the letter templates in " + userDir + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(all.values());
    }

    public Template get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new QuarryException("A template name is letters, digits, '-' or '_' (not \"" + name + "\").");
        }
        if (userDir != null) {
            Path p = userDir.resolve(name + SUFFIX);
            if (Files.isRegularFile(p)) return fromFile(name, p);
        }
        if (BUILT_IN.contains(name)) return builtIn(name);
        throw new QuarryException("There is no letter template \"" + name + "\"; the templates are "
                + String.join(", ", list().stream().map(Template::name).toList()) + ".");
    }

    /** Copies a template into the user folder under a new name, for a firm to edit; returns its file. */
    public Path copy(String from, String to) {
        Template t = get(from);
        if (to == null || !NAME.matcher(to).matches()) {
            throw new QuarryException("A template name is letters, digits, '-' or '_' (not \"" + to + "\").");
        }
        Path out = userDir.resolve(to + SUFFIX);
        if (Files.exists(out)) throw new QuarryException("The template " + out + " exists already; nothing was overwritten.");
        try {
            Files.createDirectories(userDir);
            Files.writeString(out, t.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new QuarryException("Could not write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Renders a template with the letter's values into Markdown. */
    public static String render(Template t, Map<String, Object> model) {
        try {
            Mustache m = new MarkdownFactory().compile(new StringReader(t.text()), t.name());
            StringWriter w = new StringWriter();
            m.execute(w, model);
            return tidy(w.toString());
        } catch (MustacheException e) {
            throw new QuarryException("The letter template \"" + t.name() + "\" cannot be read: " + e.getMessage(), e);
        }
    }

    /** No run of more than one blank line, no trailing spaces, one final newline. */
    static String tidy(String md) {
        String s = md.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return s + "\n";
    }

    static Template builtIn(String name) {
        String res = "templates/" + name + SUFFIX;
        try (InputStream in = Templates.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing resource " + res);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Template(name, styleOf(text), text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template fromFile(String name, Path p) {
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            return new Template(name, styleOf(text), text, p);
        } catch (IOException e) {
            throw new QuarryException("Could not read the letter template " + p + ": " + e.getMessage(), e);
        }
    }

    static String styleOf(String text) {
        Matcher m = STYLE.matcher(text);
        return m.find() ? m.group(1) : "plain";
    }

    public static Optional<String> styleOfName(String name) {
        return BUILT_IN.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** Mustache with Markdown escaping instead of HTML escaping. */
    static final class MarkdownFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(escape(value));
            } catch (IOException e) {
                throw new MustacheException("Failed to write", e);
            }
        }
    }

    /** Escapes what Markdown would read as markup, so a value is shown exactly as it is. */
    static String escape(String value) {
        if (value == null) return "";
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '|') b.append('\\');
            b.append(c);
        }
        String s = b.toString();
        // markup at the start of the value: a heading, quote, list or rule
        Matcher m = Pattern.compile("^(\\s*)([#>+=-]|\\d+(?=[.)]))").matcher(s);
        if (m.find()) {
            if (Character.isDigit(m.group(2).charAt(0))) {
                s = m.group(1) + m.group(2) + "\\" + s.substring(m.end());
            } else {
                s = m.group(1) + "\\" + s.substring(m.group(1).length());
            }
        }
        return s;
    }
}
