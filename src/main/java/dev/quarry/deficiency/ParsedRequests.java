package dev.quarry.deficiency;

import dev.quarry.deficiency.model.Caption;
import java.util.List;
import java.util.Map;

/**
 * A set of requests for production as parsed: the caption, the defined terms (upper-case term to meaning),
 * the instructions, the relevant period they set ("unlimited" when they say the requests are not limited in
 * time, null when they say nothing) and every numbered request in order.
 */
public record ParsedRequests(Caption caption, Map<String, String> definitions, List<String> instructions,
                             String relevantPeriod, List<Request> requests) {
    public ParsedRequests {
        definitions = Map.copyOf(definitions);
        instructions = List.copyOf(instructions);
        requests = List.copyOf(requests);
    }

    /** One request: its number as written, its whole text, and for a compound request its lead and lettered sub-parts. */
    public record Request(String number, String text, String lead, List<Part> subParts) {
        public Request {
            subParts = List.copyOf(subParts);
        }
    }

    /** A lettered sub-part: "a" and its text. */
    public record Part(String label, String text) {}
}
