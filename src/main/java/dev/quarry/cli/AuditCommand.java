package dev.quarry.cli;

import dev.quarry.core.AuditLog;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", description = {"A matter's audit log, newest first: every language model call (provider, model,",
        "documents whose text was sent, bytes, tokens), refusals by the offline switch or budget, imports, deletions."})
final class AuditCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--type", description = "Only events whose type starts with this (e.g. llm.).", defaultValue = "") String type;
    @Option(names = "--limit", defaultValue = "100") int limit;
    @Option(names = "--password-env", paramLabel = "VAR") String passwordEnv;

    @Override
    public Integer call() {
        try (Matter m = Passwords.open(dir, passwordEnv)) {
            List<AuditLog.Event> events = m.audit().list(type, limit, 0);
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (AuditLog.Event e : events) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", e.id());
                    o.put("time", e.occurredAt());
                    o.put("type", e.type());
                    o.put("entity_type", e.entityType());
                    o.put("entity_id", e.entityId());
                    o.put("actor", e.actor());
                    o.put("details", e.details());
                    out.add(o);
                }
                System.out.println(Json.write(out));
            } else {
                for (AuditLog.Event e : events) {
                    System.out.printf("%s  %-16s %s %s  %s%n", e.occurredAt(), e.type(), e.entityType() == null ? "" : e.entityType(),
                            e.entityId() == null ? "" : e.entityId(), Json.write(e.details()));
                }
            }
        }
        return 0;
    }
}
