package dev.quarry.qa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What the citation check found, claim by claim (a claim is one sentence of the answer). */
public record Verification(
        @JsonProperty("claims") List<Claim> claims,
        @JsonProperty("supported") int supported,
        @JsonProperty("flagged") int flagged) {

    /** status: supported | weak_support | uncited | invalid_source | quote_not_in_source. */
    public record Claim(@JsonProperty("sentence") String sentence,
                        @JsonProperty("markers") List<Integer> markers,
                        @JsonProperty("status") String status,
                        @JsonProperty("detail") String detail) {}

    public boolean hasFailures() {
        return claims.stream().anyMatch(c -> c.status().equals("invalid_source") || c.status().equals("quote_not_in_source"));
    }
}
