package dev.quarry.letters;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a letter needs beyond the report (issue 16 part 2), as META.json spells it. The caption fields
 * (court, case number, case title) default to the parsed requests' caption and override it when set.
 *
 * @param letterDate        the letter's date
 * @param respondWithinDays days the recipient is given to serve amended responses and produce
 * @param responsesServedOn when the responses were served (defaults to the report's served date)
 * @param responsesService  how they were served
 * @param conferenceOffer   the offer to confer, as a sentence or two ("We are available ... on ...")
 * @param cc                further people to copy (one line each)
 * @param localRule         an optional local rule to invoke (e.g. "C.D. Cal. L.R. 37-1")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LetterMeta(@JsonProperty("letter_date") LocalDate letterDate,
                         @JsonProperty("respond_within_days") Integer respondWithinDays,
                         @JsonProperty("responses_served_on") LocalDate responsesServedOn,
                         @JsonProperty("responses_service") Service responsesService,
                         @JsonProperty("sender") Sender sender,
                         @JsonProperty("recipients") List<Recipient> recipients,
                         @JsonProperty("conference_offer") String conferenceOffer,
                         @JsonProperty("court") String court,
                         @JsonProperty("case_number") String caseNumber,
                         @JsonProperty("case_title") String caseTitle,
                         @JsonProperty("cc") List<String> cc,
                         @JsonProperty("local_rule") String localRule) {

    public LetterMeta {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        cc = cc == null ? List.of() : List.copyOf(cc);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sender(@JsonProperty("name") String name, @JsonProperty("firm") String firm,
                         @JsonProperty("address") String address, @JsonProperty("email") String email,
                         @JsonProperty("phone") String phone, @JsonProperty("bar_number") String barNumber,
                         @JsonProperty("title") String title, @JsonProperty("represents") String represents) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recipient(@JsonProperty("name") String name, @JsonProperty("firm") String firm,
                            @JsonProperty("address") String address, @JsonProperty("email") String email) {}

    public static LetterMeta empty() {
        return new LetterMeta(null, null, null, null, null, List.of(), null, null, null, null, List.of(), null);
    }

    public static LetterMeta read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new QuarryException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    public static LetterMeta parse(String json) {
        try {
            LetterMeta m = Json.MAPPER.readValue(json, LetterMeta.class);
            return m == null ? empty() : m;
        } catch (IOException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = c instanceof IllegalArgumentException ? c.getMessage()
                    : e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() == LocalDate.class
                    ? "dates in the metadata are written YYYY-MM-DD (" + f.getValue() + " is not)" : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new QuarryException("The letter metadata is not valid: " + msg + ".", e);
        }
    }

    public String toJson() {
        return Json.write(this);
    }

    /** The served date in force: the metadata's, else the report's (ISO date), else null. */
    public LocalDate servedOn(String reportServedOn) {
        if (responsesServedOn != null) return responsesServedOn;
        if (reportServedOn == null || reportServedOn.isBlank()) return null;
        try {
            return LocalDate.parse(reportServedOn.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The required fields still missing, by their META.json names (issue 16 part 2); export refuses while
     * any is. Court, case number and case title count as present when the report's caption has them.
     */
    public List<String> missing(String style, dev.quarry.deficiency.model.Caption caption, String reportServedOn) {
        List<String> m = new ArrayList<>();
        if (letterDate == null) m.add("letter_date");
        if (respondWithinDays == null || respondWithinDays <= 0) m.add("respond_within_days");
        if (servedOn(reportServedOn) == null) m.add("responses_served_on");
        if (responsesService == null) m.add("responses_service");
        if (sender == null) {
            m.add("sender");
        } else {
            if (blank(sender.name())) m.add("sender.name");
            if (blank(sender.firm())) m.add("sender.firm");
            if (blank(sender.address())) m.add("sender.address");
            if (blank(sender.email())) m.add("sender.email");
            if ("california".equals(style) && blank(sender.barNumber())) m.add("sender.bar_number");
        }
        if (recipients.isEmpty()) {
            m.add("recipients");
        } else {
            for (int i = 0; i < recipients.size(); i++) {
                Recipient r = recipients.get(i);
                if (blank(r.name())) m.add("recipients[" + i + "].name");
                if (blank(r.address()) && blank(r.email())) m.add("recipients[" + i + "].address");
            }
        }
        if (blank(conferenceOffer)) m.add("conference_offer");
        if (blank(court) && (caption == null || blank(caption.court()))) m.add("court");
        if (blank(caseNumber) && (caption == null || blank(caption.caseNumber()))) m.add("case_number");
        if (blank(caseTitle) && (caption == null || caption.parties().size() < 2)) m.add("case_title");
        return m;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
