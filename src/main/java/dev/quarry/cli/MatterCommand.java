package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "matter", description = "Create or inspect matters.",
        subcommands = {MatterCommand.Create.class, MatterCommand.Info.class})
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

    @Command(name = "info", description = "Show a matter's settings and document counts.")
    static final class Info implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--password-env", paramLabel = "VAR") String passwordEnv;

        @Override
        public Integer call() {
            try (Matter m = Passwords.open(dir, passwordEnv)) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("dir", m.dir().toString());
                out.put("id", m.id());
                out.put("encrypted", m.encrypted());
                out.put("settings", m.settings().all());
                out.put("documents", new dev.quarry.documents.DocumentRepository(m.db()).countByStatus());
                System.out.println(Json.write(out));
            }
            return 0;
        }
    }
}
