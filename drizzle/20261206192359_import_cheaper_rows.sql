-- Cheaper rows for an import (decision record "import writes less per record").
-- 1. A MARC record (about 3 KB of jsonb) is compressed with lz4 where the server has it: pglz cost the
--    records insert about a fifth of its CPU. PGlite is built without lz4 and keeps pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE bib_records ALTER COLUMN marc SET COMPRESSION lz4;
  END IF;
END $$;
--> statement-breakpoint
-- 2. kp_search_write derives the same row with less work: each text field is folded once (it was folded
--    once per analysis, ten times in all), the title vector is the title's part of the vector (the lexemes
--    weighted A, weight reset: the same lexemes as analysing the title twice more), and the record's
--    words for search_words come from the rows just written instead of reading the records again.
CREATE OR REPLACE FUNCTION kp_search_write(record_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH written AS (
    INSERT INTO bib_search (record_id, vector, title_vector, trgm, title_key, sort_title, year, language, material_type,
      age_label, subjects, bbk, library_ids, available_library_ids)
    SELECT c.id, v.vector, setweight(ts_filter(v.vector, '{a}'), 'D'), f.title || ' ' || f.authors, kp_fold(c.title), c.sort_title,
      c.year, c.language, c.material_type, c.age_label, c.subjects, c.bbk,
      coalesce(k.library_ids, '{}'), coalesce(k.available_library_ids, '{}')
    FROM bib_records c
    CROSS JOIN LATERAL (SELECT kp_fold(c.search_title) AS title, kp_fold(c.search_authors) AS authors,
      kp_fold(c.search_subjects) AS subjects, kp_fold(c.search_other) AS other OFFSET 0) f
    CROSS JOIN LATERAL (SELECT setweight(to_tsvector('russian'::regconfig, f.title), 'A')
      || setweight(to_tsvector('russian'::regconfig, f.authors), 'B')
      || setweight(to_tsvector('russian'::regconfig, f.subjects), 'C')
      || setweight(to_tsvector('russian'::regconfig, f.other), 'D')
      || setweight(to_tsvector('simple'::regconfig, f.title), 'A')
      || setweight(to_tsvector('simple'::regconfig, f.authors), 'B')
      || setweight(to_tsvector('simple'::regconfig, f.subjects), 'C')
      || setweight(to_tsvector('simple'::regconfig, f.other), 'D') AS vector OFFSET 0) v
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT i.library_id) FILTER (WHERE i.status <> 'written_off') AS library_ids,
        array_agg(DISTINCT i.library_id) FILTER (WHERE i.status = 'available') AS available_library_ids
      FROM items i WHERE i.record_id = c.id
    ) k ON true
    WHERE c.id = ANY (record_ids) AND NOT c.is_deleted
    ON CONFLICT (record_id) DO UPDATE SET vector = excluded.vector, title_vector = excluded.title_vector, trgm = excluded.trgm,
      title_key = excluded.title_key, sort_title = excluded.sort_title, year = excluded.year, language = excluded.language,
      material_type = excluded.material_type, age_label = excluded.age_label, subjects = excluded.subjects, bbk = excluded.bbk
    RETURNING trgm)
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM written, unnest(kp_search_words(written.trgm)) AS w
  ORDER BY w
  ON CONFLICT DO NOTHING;
END $$;
