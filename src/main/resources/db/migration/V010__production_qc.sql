-- Quarry matter schema, version 10 (issue 13): the quality check of each production.
--
-- One report per production, replaced whole by every run (after each load-file import and on demand):
-- when it ran and what it counted, and its findings in order. A finding has a kind, the Bates range it
-- is about (either end may be missing: a blank-field rate may cover no single range) and a sentence.
CREATE TABLE production_checks (
    production_id BIGINT PRIMARY KEY REFERENCES productions(id) ON DELETE CASCADE,
    checked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    documents     INT NOT NULL,
    pages         BIGINT NOT NULL
);

CREATE TABLE production_findings (
    production_id BIGINT NOT NULL REFERENCES production_checks(production_id) ON DELETE CASCADE,
    seq           INT NOT NULL,
    kind          VARCHAR(40) NOT NULL CHECK (kind IN ('bates_gap', 'bates_overlap', 'duplicate_bates', 'missing_file',
                      'page_count_mismatch', 'hash_mismatch', 'no_text', 'blank_field', 'broken_family', 'slip_sheet')),
    bates_begin   VARCHAR(100),
    bates_end     VARCHAR(100),
    detail        VARCHAR(4000) NOT NULL,
    PRIMARY KEY (production_id, seq)
);
