package dev.quarry.deficiency.model;

/**
 * A deficiency found in a response or a production, with a sentence a letter can use. {@code kind} is a
 * stable identifier (boilerplate_general_objections, no_withholding_statement, no_production_date,
 * inability_statement_incomplete, missing_verification, no_documents_claim_contradicted, and the production
 * check's kinds such as bates_gap); {@code detail} is the sentence.
 */
public record Finding(String kind, String detail) {}
