/**
 * The deficiency report as the rest of Quarry reads it: the letter drafter, the exports and the desktop.
 * These records mirror the report JSON of {@code bin/quarry deficiency report --json} field for field
 * (issue 15): a report per analysis of a production's responses, one {@link dev.quarry.deficiency.model.RequestResult}
 * per request with its sub-parts, posture, objections, findings, classification, evidence and missing
 * documents, with reviewer overrides already applied.
 */
package dev.quarry.deficiency.model;
