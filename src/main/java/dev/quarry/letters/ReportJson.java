package dev.quarry.letters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.Posture;
import dev.quarry.deficiency.model.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report as JSON in the wire names of {@code deficiency report --json} (snake_case fields, lower-case
 * classifications and postures): how a letter keeps the report it was drafted from, and how a report
 * file can be handed to {@code letter draft --report FILE}.
 */
public final class ReportJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule()
                    .addSerializer(Classification.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(Classification.class) {
                        @Override public void serialize(Classification v, com.fasterxml.jackson.core.JsonGenerator g,
                                                        com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
                            g.writeString(v.wire());
                        }
                    })
                    .addDeserializer(Classification.class, new com.fasterxml.jackson.databind.deser.std.StdDeserializer<>(Classification.class) {
                        @Override public Classification deserialize(com.fasterxml.jackson.core.JsonParser p,
                                                                    com.fasterxml.jackson.databind.DeserializationContext c) throws IOException {
                            return Classification.fromWire(p.getValueAsString());
                        }
                    })
                    .addSerializer(Posture.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(Posture.class) {
                        @Override public void serialize(Posture v, com.fasterxml.jackson.core.JsonGenerator g,
                                                        com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
                            g.writeString(v.wire());
                        }
                    })
                    .addDeserializer(Posture.class, new com.fasterxml.jackson.databind.deser.std.StdDeserializer<>(Posture.class) {
                        @Override public Posture deserialize(com.fasterxml.jackson.core.JsonParser p,
                                                             com.fasterxml.jackson.databind.DeserializationContext c) throws IOException {
                            return Posture.fromWire(p.getValueAsString());
                        }
                    }))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportJson() {}

    public static String write(Report r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write report " + r.reportId(), e);
        }
    }

    public static Report parse(String json) {
        try {
            Report r = MAPPER.readValue(json, Report.class);
            if (r == null || r.requests() == null) throw new QuarryException("The report JSON has no requests.");
            return r;
        } catch (IOException | IllegalArgumentException e) {
            throw new QuarryException("The report JSON cannot be read: " + e.getMessage().lines().findFirst().orElse("") + ".", e);
        }
    }

    public static Report read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new QuarryException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
