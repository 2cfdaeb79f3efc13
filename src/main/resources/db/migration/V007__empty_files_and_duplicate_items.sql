-- Quarry matter schema, version 7 (issue 11): imports tell the truth about empty files and duplicates.
--
-- 1. Every empty file is its own document. Documents were unique by SHA-256, so every 0-byte file of a
--    production (all share the SHA-256 of no bytes) became one record with many sources, and a
--    reviewer saw one failed "empty.pdf" where the producer had sent twelve empty files: each is a
--    finding in its own right. Uniqueness now holds for content_key, the SHA-256 of non-empty content;
--    it is NULL for empty content, and NULLs do not collide in a unique constraint.
-- 2. job_items.duplicate marks an item that found its content already in the matter and only added a
--    source to that document (document_id), so an import can report "duplicate of #84" exactly.
ALTER TABLE documents DROP CONSTRAINT uq_documents_sha256;
ALTER TABLE documents ADD COLUMN content_key CHAR(64) GENERATED ALWAYS AS (
        CASE WHEN sha256 <> 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' THEN sha256 END);
ALTER TABLE documents ADD CONSTRAINT uq_documents_content UNIQUE (content_key);
CREATE INDEX idx_documents_sha256 ON documents(sha256);

ALTER TABLE job_items ADD COLUMN duplicate BOOLEAN DEFAULT FALSE NOT NULL;
-- Items stored before this version: an item that finished on a document it did not create is a
-- duplicate. The document's first source (lowest id, written in the same transaction as the item that
-- created it) names the creating job and path.
UPDATE job_items i SET duplicate = TRUE
 WHERE i.status = 'done' AND i.document_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM document_sources s
                    WHERE s.id = (SELECT MIN(f.id) FROM document_sources f WHERE f.document_id = i.document_id)
                      AND s.job_id = i.job_id AND s.source_path = i.source_path);
