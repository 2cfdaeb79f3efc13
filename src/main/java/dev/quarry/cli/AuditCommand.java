package dev.quarry.cli;

import dev.quarry.core.AuditLog;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.llm.LlmGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", description = {"Show a matter's audit log, newest first.",
        "It records every language model call (provider, model, documents whose text was sent, bytes, tokens, and the "
                + "text itself with --show ID), refusals by the offline switch or budget, imports, settings changes and deletions."})
final class AuditCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--type", description = "Only events whose type starts with this (e.g. llm.).", defaultValue = "") String type;
    @Option(names = "--limit", defaultValue = "100", description = "How many events to list (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--show", paramLabel = "ID", description = "One event whole, with the exact text a language model call sent.")
    Long show;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

    @Override
    public Integer call() {
        try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
            if (show != null) return show(m.audit().find(show).orElse(null));
            List<AuditLog.Event> events = m.audit().list(type, limit, 0);
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (AuditLog.Event e : events) out.add(json(e, false));
                System.out.println(Json.write(out));
            } else {
                for (AuditLog.Event e : events) System.out.println(line(e) + "  " + Json.write(LlmGateway.withoutSentText(e.details())));
            }
        }
        return 0;
    }

    private int show(AuditLog.Event e) {
        if (e == null) {
            System.err.println("quarry: the matter has no audit event " + show + ".");
            return 1;
        }
        if (json) {
            System.out.println(Json.write(json(e, true)));
            return 0;
        }
        System.out.println(line(e) + "\n" + Json.write(LlmGateway.withoutSentText(e.details())));
        String sent = LlmGateway.sentText(e.details());
        if (sent != null) System.out.println("\nText sent, exactly as the provider received it:\n" + sent);
        return 0;
    }

    /** An event's id, time, type and what it is about, as one line of text. */
    private static String line(AuditLog.Event e) {
        return String.format("%d  %s  %-16s %s %s", e.id(), e.occurredAt(), e.type(),
                e.entityType() == null ? "" : e.entityType(), e.entityId() == null ? "" : e.entityId());
    }

    private static Map<String, Object> json(AuditLog.Event e, boolean withText) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", e.id());
        o.put("time", e.occurredAt());
        o.put("type", e.type());
        o.put("entity_type", e.entityType());
        o.put("entity_id", e.entityId());
        o.put("actor", e.actor());
        o.put("details", withText ? e.details() : LlmGateway.withoutSentText(e.details()));
        return o;
    }

}
