package dev.quarry.cli;

import dev.quarry.app.UserSettings;
import dev.quarry.core.Clock;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Matter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "matter", description = "Create, inspect or configure matters.",
        subcommands = {MatterCommand.Create.class, MatterCommand.Info.class, MatterCommand.Set.class})
final class MatterCommand {

    @Command(name = "create", description = "Create a matter in a new or empty folder.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--name", description = "The matter's name (default: the folder name).") String name;
        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Encrypt the matter with the password held in environment variable VAR.") String passwordEnv;
        @Option(names = "--model", description = "Embedding model id (default: ${DEFAULT-VALUE}).",
                defaultValue = "bge-small-en-v1.5-q") String model;
        @Option(names = "--json", description = "Print the result as JSON.") boolean json;

        @Override
        public Integer call() {
            char[] password = Passwords.fromEnv(passwordEnv);
            try (Matter m = Matter.create(dir, name, password, model)) {
                addToRecent(m);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("dir", m.dir().toString());
                out.put("id", m.id());
                out.put("name", m.name());
                out.put("encrypted", m.encrypted());
                out.put("model", model);
                System.out.println(json ? Json.write(out)
                        : "Created matter \"" + m.name() + "\" in " + m.dir() + (m.encrypted() ? " (encrypted)" : ""));
            }
            return 0;
        }
    }

    /**
     * A matter made on the command line is one the user will open in the app next: put it at the top of the
     * app's recent list. The matter exists either way, so a settings file that cannot be written is a warning.
     */
    static void addToRecent(Matter m) {
        try {
            UserSettings.standard().update(p -> p.withRecent(m.dir(), m.name(), Clock.now()));
        } catch (QuarryException e) {
            System.err.println("quarry: the matter was created, but not added to the app's recent matters: " + e.getMessage());
        }
    }

    @Command(name = "info", description = {"Show a matter's settings, document counts and embedding model.",
            "A pending re-embed to another model says how far it has got."})
    static final class Info implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
        @Option(names = "--json", description = "Print the result as JSON.") boolean json;

        @Override
        public Integer call() {
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                Map<String, Long> documents = new LinkedHashMap<>();
                new dev.quarry.documents.DocumentRepository(m.db()).countByStatus().forEach((k, v) -> documents.put(k.db(), v));
                dev.quarry.retrieval.ModelSwitch models = new dev.quarry.retrieval.ModelSwitch(m);
                java.util.Optional<dev.quarry.retrieval.ModelSwitch.Pending> pending = models.pending();
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("dir", m.dir().toString());
                    out.put("id", m.id());
                    out.put("name", m.name());
                    out.put("encrypted", m.encrypted());
                    out.put("settings", m.settings().all());
                    out.put("documents", documents);
                    Map<String, Object> embedding = new LinkedHashMap<>();
                    embedding.put("model", models.activeModel());
                    embedding.put("re_embed_pending", pending.map(dev.quarry.retrieval.ModelSwitch.Pending::asJson).orElse(null));
                    out.put("embedding", embedding);
                    System.out.println(Json.write(out));
                    return 0;
                }
                System.out.println("Matter \"" + m.name() + "\" in " + m.dir() + (m.encrypted() ? " (encrypted)" : "") + ", id " + m.id());
                System.out.println("Documents: " + (documents.isEmpty() ? "none"
                        : String.join(", ", documents.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList())));
                System.out.println("Embedding model: " + models.activeModel());
                pending.ifPresent(p -> System.out.println("Note: " + p.describe() + "; search uses " + p.from()
                        + " until it is done (quarry embed " + dir + " resumes it)."));
                System.out.println("Settings:");
                m.settings().all().forEach((k, v) -> System.out.println("  " + k + " = " + v));
            }
            return 0;
        }
    }

    /**
     * Changes one of a matter's settings from the command line, checked as the app's settings screen
     * checks it, and recorded in the audit log. The embedding model is changed by {@code quarry embed
     * --model} (an explicit re-embed), and an API key never travels on a command line.
     */
    @Command(name = "set", description = {"Change one of a matter's settings; the change is audited.",
            "A value outside what the key takes is refused with exit 2 and changes nothing."},
            footerHeading = "%nKeys and the values they take:%n", footer = {
            "  llm.offline, llm.redact            true | false",
            "  llm.queries_per_hour               0 to 1,000,000 (0: no limit)",
            "  llm.tokens_per_day                 0 to 1,000,000,000,000 (0: no limit)",
            "  llm.provider                       openai | anthropic",
            "  llm.base_url                       http(s)://host[:port]/path",
            "  llm.model                          the provider's model name",
            "  qa.review_threshold                0 to 1: answers below it wait in review (default 0.45)",
            "  import.max_file_mb                 1 to 1,048,576 (1 TB)",
            "  import.timeout_seconds             1 to 86,400",
            "  chunk.max_tokens                   16 to 510 (what the model reads whole)",
            "  chunk.overlap_tokens               0 to below half of chunk.max_tokens",
            "  matter.name                        any text"})
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", description = "The setting's key (listed below).") String key;
        @Parameters(index = "2", description = "Its new value.") String value;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
        @Option(names = "--json", description = "Print the result as JSON.") boolean json;

        @Override
        public Integer call() {
            String problem = SettingRules.check(key, value);
            if (problem != null) {
                System.err.println("quarry: " + problem);
                return 2;
            }
            String v = value.strip();
            try (Matter m = Passwords.open(dir, passwordEnv)) {
                problem = SettingRules.against(key, v, m.settings(),
                        dev.quarry.retrieval.ModelManifest.load(m.settings().get(dev.quarry.core.Settings.EMBEDDING_MODEL)));
                if (problem != null) {
                    System.err.println("quarry: " + problem);
                    return 2;
                }
                String before = m.settings().find(key).orElse(null);
                m.settings().put(key, v);
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("key", key);
                change.put("old", before);
                change.put("new", v);
                m.audit().record("settings.changed", "matter", m.id(), change);
                System.out.println(json ? Json.write(change) : key + " = " + v + (before == null ? "" : " (was " + before + ")"));
            }
            return 0;
        }
    }
}
