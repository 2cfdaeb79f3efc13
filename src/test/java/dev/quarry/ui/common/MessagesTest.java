package dev.quarry.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.ui.workspace.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the UI asks for is in messages.properties: a missing one would show as !key! on screen. */
class MessagesTest {

    @Test
    void everyLiteralKeyInTheUiSourceExists() throws IOException {
        Pattern call = Pattern.compile("Messages\\.(?:get|format)\\(\"([^\"]+)\"");
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/quarry/ui"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) keys.add(m.group(1)); // prefixes of computed keys: see below
                }
            }
        }
        assertThat(keys).hasSizeGreaterThan(50);
        assertThat(keys).allSatisfy(k -> assertThat(Messages.bundle().containsKey(k)).as(k).isTrue());
    }

    @Test
    void everyComputedKeyExists() {
        List<String> keys = new ArrayList<>();
        for (Section s : Section.values()) keys.add("nav." + s.key());
        for (DocumentStatus s : DocumentStatus.values()) keys.add("documents.status." + s.db());
        for (JobStatus s : JobStatus.values()) keys.add("job.status." + s.db());
        for (dev.quarry.qa.AnswerType t : dev.quarry.qa.AnswerType.values()) keys.add("ask.type." + t.db());
        for (String r : List.of("helpful", "not_helpful")) {
            keys.add("ask.feedback." + r);
            keys.add("ask.rated." + r);
        }
        for (dev.quarry.llm.LlmProvider p : dev.quarry.llm.LlmProvider.values()) keys.add("llm.provider." + p.id());
        for (dev.quarry.retrieval.SearchService.Mode m : dev.quarry.retrieval.SearchService.Mode.values()) {
            keys.add("search.mode." + m.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (String k : List.of("settings.llm", "settings.offline", "settings.redaction", "settings.budget")) keys.add(k + ".body");
        for (String f : dev.quarry.ui.letters.LettersViewModel.FIELDS) {
            keys.add("letters.field." + f);
            keys.add("letters.field." + f + ".prompt");
        }
        for (String f : dev.quarry.ui.letters.LettersViewModel.RECIPIENT_FIELDS) {
            keys.add("letters.recipient." + f);
            keys.add("letters.recipient." + f + ".prompt");
        }
        assertThat(keys).allSatisfy(k -> assertThat(Messages.bundle().containsKey(k)).as(k).isTrue());
    }

    /**
     * Issue 11: Settings showed "The API key is kept in {0}" and "matters passages". In a MessageFormat
     * pattern a single apostrophe starts a quoted stretch, so "matter's" swallowed its apostrophe and
     * quoted everything up to the next one, {0} included.
     */
    @Test
    void theModelSettingsTextNamesWhereTheKeyIsKept() {
        String text = Messages.format("llm.body", "/home/ann/.quarry/credentials.properties");
        assertThat(text).contains("kept in /home/ann/.quarry/credentials.properties (readable")
                .contains("the matter's passages").contains("'quarry audit'").doesNotContain("{0}");
    }

    /**
     * Every text with a placeholder is a MessageFormat pattern: formatted, it keeps each apostrophe
     * (written '' in the file) and fills each placeholder. Texts without placeholders are shown as they
     * are, so they must not double their apostrophes.
     */
    @Test
    void everyPatternFillsItsPlaceholdersAndKeepsItsApostrophes() {
        Object[] args = {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        for (String key : Messages.bundle().keySet()) {
            String raw = Messages.bundle().getString(key);
            if (raw.matches("(?s).*\\{\\d.*")) {
                String out = Messages.format(key, args);
                assertThat(out).as(key).doesNotContain("{");
                assertThat(count(out, '\'')).as(key + ": apostrophes kept").isEqualTo(count(raw.replace("''", "'"), '\''));
            } else {
                assertThat(raw).as(key + " is shown as it is").doesNotContain("''");
            }
        }
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
