package dev.quarry.deficiency;

import dev.quarry.deficiency.model.Caption;
import dev.quarry.deficiency.model.Objection;
import dev.quarry.deficiency.model.Posture;
import java.util.List;

/**
 * Written responses and objections as parsed: the caption, the general objections, one response per request
 * (in order), whether a verification is attached and the date the responses are signed.
 */
public record ParsedResponses(Caption caption, List<String> generalObjections, List<Response> responses,
                              boolean verified, String dated) {
    public ParsedResponses {
        generalObjections = List.copyOf(generalObjections);
        responses = List.copyOf(responses);
    }

    /**
     * One response.
     *
     * @param number              the request's number
     * @param text                the response as written (its paragraphs joined by a blank line)
     * @param objections          the specific objections, classified, in order
     * @param subjectToWaiving    it answers "subject to and without waiving" its objections
     * @param posture             exactly one posture
     * @param inabilityReason     California: the reason given for an inability to comply (never_existed,
     *                            destroyed, lost_misplaced_stolen, not_in_possession), or null
     * @param inabilityText       the statement of inability as written, or null
     * @param diligentSearch      it affirms a diligent search and a reasonable inquiry
     * @param custodianNamed      a statement that the documents are in another's possession names who has them
     * @param batesCited          the Bates ranges it cites, as written ("SSC0000001-SSC0000076")
     * @param withholdingStatement it states whether responsive documents are withheld (FRCP 34(b)(2)(C))
     * @param productionDate      it says when documents will be (or were) produced
     * @param meetAndConfer       it offers to meet and confer
     */
    public record Response(String number, String text, List<Objection> objections, boolean subjectToWaiving,
                           Posture posture, String inabilityReason, String inabilityText, boolean diligentSearch,
                           boolean custodianNamed, List<String> batesCited, boolean withholdingStatement,
                           boolean productionDate, boolean meetAndConfer) {
        public Response {
            objections = List.copyOf(objections);
            batesCited = List.copyOf(batesCited);
        }
    }
}
