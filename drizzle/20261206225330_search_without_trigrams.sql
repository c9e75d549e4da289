DROP INDEX "bib_search__trgm";--> statement-breakpoint
ALTER TABLE "bib_search" DROP COLUMN "trgm";--> statement-breakpoint
-- The search row without its trigram text (decision record "import without the trigram index"): no
-- search reads it any more (typos are corrected against search_words) and the Federal-list check finds
-- its candidates through the title words. The record's title and authors, folded once, still give its
-- words to search_words.
CREATE OR REPLACE FUNCTION kp_search_write(record_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH f AS (
    SELECT c.id, c.sort_title, c.year, c.language, c.material_type, c.age_label, c.subjects, c.bbk, kp_fold(c.title) AS title_key,
      kp_fold(c.search_title) AS title, kp_fold(c.search_authors) AS authors, kp_fold(c.search_subjects) AS subject_text,
      kp_fold(c.search_other) AS other
    FROM bib_records c
    WHERE c.id = ANY (record_ids) AND NOT c.is_deleted
  ), written AS (
    INSERT INTO bib_search (record_id, vector, title_vector, title_key, sort_title, year, language, material_type,
      age_label, subjects, bbk, library_ids, available_library_ids)
    SELECT f.id, v.vector, setweight(ts_filter(v.vector, '{a}'), 'D'), f.title_key, f.sort_title,
      f.year, f.language, f.material_type, f.age_label, f.subjects, f.bbk,
      coalesce(k.library_ids, '{}'), coalesce(k.available_library_ids, '{}')
    FROM f
    CROSS JOIN LATERAL (SELECT setweight(to_tsvector('russian'::regconfig, f.title), 'A')
      || setweight(to_tsvector('russian'::regconfig, f.authors), 'B')
      || setweight(to_tsvector('russian'::regconfig, f.subject_text), 'C')
      || setweight(to_tsvector('russian'::regconfig, f.other), 'D')
      || setweight(to_tsvector('simple'::regconfig, f.title), 'A')
      || setweight(to_tsvector('simple'::regconfig, f.authors), 'B')
      || setweight(to_tsvector('simple'::regconfig, f.subject_text), 'C')
      || setweight(to_tsvector('simple'::regconfig, f.other), 'D') AS vector OFFSET 0) v
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT i.library_id) FILTER (WHERE i.status <> 'written_off') AS library_ids,
        array_agg(DISTINCT i.library_id) FILTER (WHERE i.status = 'available') AS available_library_ids
      FROM items i WHERE i.record_id = f.id
    ) k ON true
    ON CONFLICT (record_id) DO UPDATE SET vector = excluded.vector, title_vector = excluded.title_vector,
      title_key = excluded.title_key, sort_title = excluded.sort_title, year = excluded.year, language = excluded.language,
      material_type = excluded.material_type, age_label = excluded.age_label, subjects = excluded.subjects, bbk = excluded.bbk)
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM f, unnest(kp_search_words(f.title || ' ' || f.authors)) AS w
  ORDER BY w
  ON CONFLICT DO NOTHING;
END $$;
