package dev.quarry.deficiency.model;

import java.util.List;

/**
 * One request of the report, overrides applied.
 *
 * @param number          the request's number as in the requests
 * @param text            the request as written (a compound request's lead and sub-parts)
 * @param subParts        its lettered sub-parts, in order (empty when none)
 * @param responseText    the response to it as written
 * @param responsePosture what the response says it will do
 * @param objections      the specific objections, in order
 * @param findings        deficiencies of this response
 * @param classification  the classification in force (the reviewer's when overridden)
 * @param confidence      0..1
 * @param rationale       one paragraph: why this classification
 * @param evidence        produced documents that answer it
 * @param missing         known responsive documents that were not produced
 * @param overridden      whether a reviewer overrode the classification
 * @param resolved        whether a reviewer marked it resolved (a letter leaves it out)
 * @param note            the reviewer's latest note, or null
 */
public record RequestResult(String number, String text, List<SubPart> subParts, String responseText,
                            Posture responsePosture, List<Objection> objections, List<Finding> findings,
                            Classification classification, double confidence, String rationale,
                            List<EvidenceRef> evidence, List<MissingDocument> missing, boolean overridden,
                            boolean resolved, String note) {
    public RequestResult {
        subParts = subParts == null ? List.of() : List.copyOf(subParts);
        objections = objections == null ? List.of() : List.copyOf(objections);
        findings = findings == null ? List.of() : List.copyOf(findings);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
