-- Good-faith letters (issue 16, seed 000 GoodFaithLetter): a letter drafted from one deficiency report with a
-- template, and its versions. Every save is a new version (who, when, from what); nothing is overwritten.
CREATE TABLE letters (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    report_id      BIGINT NOT NULL,
    template       VARCHAR(100) NOT NULL,
    style          VARCHAR(20) NOT NULL CONSTRAINT ck_letters_style CHECK (style IN ('federal', 'california', 'plain')),
    -- the report as the letter was drafted from it (JSON): what its paragraphs say, even after the report changes
    report_snapshot CLOB NOT NULL,
    created_by     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX idx_letters_report ON letters(report_id, created_at);

CREATE TABLE letter_versions (
    letter_id      BIGINT NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    version        INT NOT NULL,
    content        CLOB NOT NULL,          -- the letter in Markdown
    meta           CLOB NOT NULL,          -- the metadata (JSON) this version was written with
    report_version INT NOT NULL,           -- the report's version when this version was written
    source         VARCHAR(20) NOT NULL CONSTRAINT ck_letter_versions_source CHECK (source IN ('draft', 'edit', 'polish', 'redraft')),
    note           VARCHAR(2000),
    created_by     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (letter_id, version)
);
