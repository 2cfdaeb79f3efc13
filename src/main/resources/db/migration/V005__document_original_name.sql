-- Quarry matter schema, version 5: the producing party's original file name of a document (a load file's
-- FILENAME, ORIGFILENAME, "Original File Name", ...), shown beside the Bates-named file and searchable.
-- Documents imported before this version carry it only inside their metadata JSON (the load file's
-- fields, under the producer's header spelling, written by Jackson without spaces): copy it out for
-- documents of load-file productions, undoing the two escapes a file name can need (\" and \\).
ALTER TABLE documents ADD COLUMN original_name VARCHAR(1000);

UPDATE documents SET original_name = REPLACE(REPLACE(REGEXP_SUBSTR(metadata,
        '"(?:FILE[ _-]?NAME|ORIG(?:INAL)?[ _-]?(?:FILE[ _-]?)?NAME|NATIVE[ _-]?FILE[ _-]?NAME|FILE[ _-]?NAME[ _-]?ORIG(?:INAL)?|DOC(?:UMENT)?[ _-]?NAME)":"((?:[^"\\]|\\.)*)"',
        1, 1, 'i', 1), '\"', '"'), '\\', '\')
WHERE metadata IS NOT NULL
  AND production_id IN (SELECT id FROM productions WHERE kind = 'load_file');
