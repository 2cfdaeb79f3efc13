-- A reviewer's recorded answer is what the same question gets next time (issue 11): answer type
-- 'reviewed', with whose review it repeats, by whom and when, kept on the answer itself so history still
-- says so after the reviewed question is deleted.

-- answer_type gains 'reviewed'. Its CHECK was declared inline in V003 and so has a generated name; the
-- column is replaced (copy, drop, rename) and the new CHECK is named, so a later change can drop it.
ALTER TABLE qa_queries DROP CONSTRAINT ck_qa_completed_has_type;
ALTER TABLE qa_queries ADD COLUMN answer_kind VARCHAR(30)
    CONSTRAINT ck_qa_answer_type CHECK (answer_kind IN ('grounded', 'extractive', 'insufficient_evidence', 'error', 'reviewed'));
UPDATE qa_queries SET answer_kind = answer_type;
ALTER TABLE qa_queries DROP COLUMN answer_type;
ALTER TABLE qa_queries ALTER COLUMN answer_kind RENAME TO answer_type;
ALTER TABLE qa_queries ADD CONSTRAINT ck_qa_completed_has_type CHECK (status = 'pending' OR answer_type IS NOT NULL);

ALTER TABLE qa_queries ADD COLUMN review_of BIGINT;
ALTER TABLE qa_queries ADD COLUMN reviewed_by VARCHAR(200);
ALTER TABLE qa_queries ADD COLUMN reviewed_at TIMESTAMP WITH TIME ZONE;

-- The question a review resolved, normalised (case, whitespace, punctuation) and hashed: the lookup key
-- for "has a reviewer answered this question?". Filled when a review is resolved; reviews resolved
-- before V006 get theirs from QaService on first use (the normalisation is Java's, not SQL's).
ALTER TABLE qa_reviews ADD COLUMN question_key CHAR(64);
CREATE INDEX idx_qa_reviews_question ON qa_reviews(question_key, status);
