-- OCR per page (issue 13, docs/adr/0011-ocr.md). A page that needs OCR (a scan, an image file's page, a
-- production's page image) is 'pending' until Tesseract has read it; the import job reads pending pages one
-- transaction each (text, word boxes, confidence and chunks together), so a killed import resumes at the
-- first page not stored: none is read twice, none is lost. 'failed' keeps why (time limit, unreadable image);
-- `quarry import DIR --retry` sets failed pages pending again. A page below the matter's confidence
-- threshold is flagged (ocr_low_confidence), never hidden.
ALTER TABLE pages ADD COLUMN ocr_state VARCHAR(10)
    CHECK (ocr_state IS NULL OR ocr_state IN ('pending', 'done', 'failed'));
ALTER TABLE pages ADD COLUMN ocr_error VARCHAR(1000);
ALTER TABLE pages ADD COLUMN ocr_low_confidence BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX idx_pages_ocr_state ON pages(ocr_state, document_id, page_number);
