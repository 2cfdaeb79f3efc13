-- Quarry matter schema, version 4: a number for each distinct text, so the vector index keeps one graph
-- node per distinct text instead of one per chunk (identical passages share one vector; hundreds of
-- copies of one passage in the graph would make an island the search cannot leave: ADR 0007).
-- text_key: the first 15 hex digits (60 bits) of text_sha256 as a BIGINT, computed by the database so
-- that every writer gets it right. Two distinct texts share a key with probability ~n^2 / 2^61 (4e-7 at
-- a million chunks); the price of such a collision is that one of the two texts is found only by an
-- exact (filtered) search.
ALTER TABLE embeddings ADD COLUMN text_key BIGINT GENERATED ALWAYS AS (
        (CAST(POSITION(SUBSTRING(text_sha256, 1, 1), '0123456789abcdef') AS BIGINT) - 1) * 72057594037927936 +
        (CAST(POSITION(SUBSTRING(text_sha256, 2, 1), '0123456789abcdef') AS BIGINT) - 1) * 4503599627370496 +
        (CAST(POSITION(SUBSTRING(text_sha256, 3, 1), '0123456789abcdef') AS BIGINT) - 1) * 281474976710656 +
        (CAST(POSITION(SUBSTRING(text_sha256, 4, 1), '0123456789abcdef') AS BIGINT) - 1) * 17592186044416 +
        (CAST(POSITION(SUBSTRING(text_sha256, 5, 1), '0123456789abcdef') AS BIGINT) - 1) * 1099511627776 +
        (CAST(POSITION(SUBSTRING(text_sha256, 6, 1), '0123456789abcdef') AS BIGINT) - 1) * 68719476736 +
        (CAST(POSITION(SUBSTRING(text_sha256, 7, 1), '0123456789abcdef') AS BIGINT) - 1) * 4294967296 +
        (CAST(POSITION(SUBSTRING(text_sha256, 8, 1), '0123456789abcdef') AS BIGINT) - 1) * 268435456 +
        (CAST(POSITION(SUBSTRING(text_sha256, 9, 1), '0123456789abcdef') AS BIGINT) - 1) * 16777216 +
        (CAST(POSITION(SUBSTRING(text_sha256, 10, 1), '0123456789abcdef') AS BIGINT) - 1) * 1048576 +
        (CAST(POSITION(SUBSTRING(text_sha256, 11, 1), '0123456789abcdef') AS BIGINT) - 1) * 65536 +
        (CAST(POSITION(SUBSTRING(text_sha256, 12, 1), '0123456789abcdef') AS BIGINT) - 1) * 4096 +
        (CAST(POSITION(SUBSTRING(text_sha256, 13, 1), '0123456789abcdef') AS BIGINT) - 1) * 256 +
        (CAST(POSITION(SUBSTRING(text_sha256, 14, 1), '0123456789abcdef') AS BIGINT) - 1) * 16 +
        (CAST(POSITION(SUBSTRING(text_sha256, 15, 1), '0123456789abcdef') AS BIGINT) - 1) * 1);
CREATE INDEX idx_embeddings_key_model ON embeddings(text_key, model_id);
