-- Where each paragraph of a letter version came from (issue 16 part 4): the request and the report version
-- it was written from, read from the version's provenance markers when it is saved, so "which paragraphs
-- are older than the report" is a query; and every export (which version left as which file).
CREATE TABLE letter_paragraphs (
    letter_id      BIGINT NOT NULL,
    version        INT NOT NULL,
    ordinal        INT NOT NULL,
    request_number VARCHAR(40),            -- null for a paragraph about the responses as a whole
    report_version INT NOT NULL,
    PRIMARY KEY (letter_id, version, ordinal),
    FOREIGN KEY (letter_id, version) REFERENCES letter_versions(letter_id, version) ON DELETE CASCADE
);

CREATE TABLE letter_exports (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    letter_id   BIGINT NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    version     INT NOT NULL,
    format      VARCHAR(30) NOT NULL CONSTRAINT ck_letter_exports_format CHECK (format IN ('docx', 'pdf', 'separate-statement')),
    file        VARCHAR(2000) NOT NULL,
    sha256      CHAR(64) NOT NULL,
    exported_by VARCHAR(200) NOT NULL,
    exported_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX idx_letter_exports_letter ON letter_exports(letter_id, exported_at);
