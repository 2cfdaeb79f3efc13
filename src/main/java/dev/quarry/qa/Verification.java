package dev.quarry.qa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What the citation check found, claim by claim (a claim is one sentence of the answer). */
public record Verification(
        @JsonProperty("claims") List<Claim> claims,
        @JsonProperty("supported") int supported,
        @JsonProperty("flagged") int flagged) {

    /**
     * status: supported | weak_support (few of its words in the cited source) | uncited | invalid_source (a
     * marker past the sources given) | quote_not_in_source | number_not_in_source (a figure the cited source
     * does not contain). The last three are failures: the answer goes to review.
     */
    public record Claim(@JsonProperty("sentence") String sentence,
                        @JsonProperty("markers") List<Integer> markers,
                        @JsonProperty("status") String status,
                        @JsonProperty("detail") String detail) {}

    public boolean hasFailures() {
        return claims.stream().anyMatch(c -> isFailure(c.status()));
    }

    static boolean isFailure(String status) {
        return status.equals("invalid_source") || status.equals("quote_not_in_source") || status.equals("number_not_in_source");
    }
}
