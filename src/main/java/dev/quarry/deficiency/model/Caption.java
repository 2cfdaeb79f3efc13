package dev.quarry.deficiency.model;

import java.util.List;

/**
 * The case as the requests' caption gives it.
 *
 * @param court         the court's name as written ("UNITED STATES DISTRICT COURT ...")
 * @param caseNumber    the case number as written
 * @param parties       the parties' names as written, plaintiffs first
 * @param title         the document's title ("PLAINTIFF'S FIRST SET OF REQUESTS FOR PRODUCTION")
 * @param setNumber     the set number (1 for "First Set"), or null
 * @param propounding   the propounding party, or null
 * @param responding    the responding party, or null
 * @param style         "federal" or "california" (which rules govern)
 */
public record Caption(String court, String caseNumber, List<String> parties, String title, Integer setNumber,
                      String propounding, String responding, String style) {
    public Caption {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }
}
