package dev.quarry.deficiency;

import dev.quarry.deficiency.model.Finding;
import dev.quarry.deficiency.model.Posture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Deficiencies of the written responses themselves, found from the parsed text alone. */
final class ResponseFindings {
    private ResponseFindings() {}

    /** Findings of the response set: boilerplate general objections, a missing verification (California). */
    static List<Finding> ofSet(ParsedResponses r, String style) {
        List<Finding> out = new ArrayList<>();
        if (!r.generalObjections().isEmpty()) {
            long boiler = r.generalObjections().stream().map(s -> s.toLowerCase(Locale.ROOT))
                    .filter(s -> s.contains("to the extent") || s.contains("each request") || s.contains("incorporated into each")).count();
            boolean incorporated = r.generalObjections().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("incorporated into each"));
            if (boiler >= Math.max(2, r.generalObjections().size() / 2) || incorporated) {
                out.add(new Finding("boilerplate_general_objections", "The " + r.generalObjections().size()
                        + " general objections are boilerplate: they object \"to the extent\" a request might be objectionable and are"
                        + (incorporated ? " incorporated into every response" : " not tied to any request")
                        + ", so they do not say what is objectionable about which request or whether anything is withheld because of them."));
            }
        }
        if ("california".equals(style) && !r.verified()) {
            out.add(new Finding("missing_verification", "The responses are not verified under oath, as Code of Civil Procedure section 2031.250 requires."));
        }
        return out;
    }

    /** Findings of one response. */
    static List<Finding> of(ParsedResponses.Response r, String style) {
        List<Finding> out = new ArrayList<>();
        boolean federal = !"california".equals(style);
        if (federal && !r.objections().isEmpty() && !r.withholdingStatement() && r.posture() != Posture.NO_DOCUMENTS) {
            out.add(new Finding("no_withholding_statement", "The response objects but does not state whether any responsive materials are"
                    + " being withheld on the basis of the objections, as Rule 34(b)(2)(C) requires."));
        }
        if (r.posture() == Posture.WILL_PRODUCE && !r.productionDate()) {
            out.add(new Finding("no_production_date", federal
                    ? "The response promises production without saying when it will be completed (Rule 34(b)(2)(B))."
                    : "The response says it will comply without saying when the documents will be produced (CCP 2031.280(b))."));
        }
        if (r.posture() == Posture.OBJECTS_ONLY) {
            out.add(new Finding("objections_only", "The response states objections only: it neither agrees to produce, nor says that no"
                    + " documents exist, nor says that documents are withheld" + (r.meetAndConfer() ? " (it offers to meet and confer)." : ".")));
        }
        if (r.posture() == Posture.REFUSES) {
            out.add(new Finding("refuses_production", "The response refuses to produce on the strength of its objections."));
        }
        if (r.inabilityText() != null) {
            List<String> missing = new ArrayList<>();
            if (!r.diligentSearch()) missing.add("an affirmation that a diligent search and a reasonable inquiry were made");
            if (r.inabilityReason() == null) missing.add("whether the item never existed, was destroyed, was lost, misplaced or stolen, or was never or is no longer in the party's possession");
            if ("not_in_possession".equals(r.inabilityReason()) && !r.custodianNamed()) {
                missing.add("the name and address of any person believed to have the documents");
            }
            String reason = r.inabilityReason() == null ? "no reason given" : r.inabilityReason().replace('_', ' ');
            if (missing.isEmpty()) {
                out.add(new Finding("inability_to_comply", "The response states an inability to comply (" + reason + ")."));
            } else {
                out.add(new Finding("inability_statement_incomplete", "The statement of inability to comply (" + reason
                        + ") lacks what CCP 2031.230 requires: " + String.join("; ", missing) + "."));
            }
        }
        return out;
    }
}
