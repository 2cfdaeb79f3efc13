/**
 * One answer to "does this document say X, and where?", shared by extraction grids (one cell per document
 * and variable) and deficiency review (is this document responsive to this request). Given a document and
 * a {@link dev.quarry.evidence.Criterion}, the engine finds the document's passages with retrieval, decides
 * with the typed parsers offline or with a model through {@code llm.LlmGateway}, and returns an
 * {@link dev.quarry.evidence.Answer}: a value with its confidence and a quote checked verbatim against the
 * chunk it came from ({@link dev.quarry.evidence.QuoteCheck}, the one verifier, which Q&A's citation check
 * also uses). A "not stated" answer is a value of its own and carries its proof of absence.
 *
 * <p>Floors: uses core, documents, retrieval, llm; used by qa, extraction, deficiency. Never the reverse.
 */
package dev.quarry.evidence;
