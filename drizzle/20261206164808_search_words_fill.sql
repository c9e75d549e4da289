-- Typos are corrected against the catalogue's own words (search_words): the distinct words of the
-- titles and authors, folded as the search text is. kp_search_write, the one place a search row is
-- derived, now also adds its record's words (in order, so that two writers lock the same words in the
-- same order); the words of the records saved before are added here.
CREATE OR REPLACE FUNCTION kp_search_words(folded text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array(SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, folded))) AS t(w)
    WHERE length(w) >= 3 AND w !~ '[[:punct:][:space:]]');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_write(record_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bib_search (record_id, vector, title_vector, trgm, title_key, sort_title, year, language, material_type,
    age_label, subjects, bbk, library_ids, available_library_ids)
  SELECT c.id, kp_search_vector(c.search_title, c.search_authors, c.search_subjects, c.search_other),
    kp_title_vector(c.search_title), kp_fold(c.search_title || ' ' || c.search_authors), kp_fold(c.title), c.sort_title,
    c.year, c.language, c.material_type, c.age_label, c.subjects, c.bbk,
    coalesce(k.library_ids, '{}'), coalesce(k.available_library_ids, '{}')
  FROM bib_records c
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT i.library_id) FILTER (WHERE i.status <> 'written_off') AS library_ids,
      array_agg(DISTINCT i.library_id) FILTER (WHERE i.status = 'available') AS available_library_ids
    FROM items i WHERE i.record_id = c.id
  ) k ON true
  WHERE c.id = ANY (record_ids) AND NOT c.is_deleted
  -- An existing row keeps its copies' columns: kp_search_copies keeps those, locking first.
  ON CONFLICT (record_id) DO UPDATE SET vector = excluded.vector, title_vector = excluded.title_vector, trgm = excluded.trgm,
    title_key = excluded.title_key, sort_title = excluded.sort_title, year = excluded.year, language = excluded.language,
    material_type = excluded.material_type, age_label = excluded.age_label, subjects = excluded.subjects, bbk = excluded.bbk;
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM bib_records c, unnest(kp_search_words(kp_fold(c.search_title || ' ' || c.search_authors))) AS w
  WHERE c.id = ANY (record_ids) AND NOT c.is_deleted
  ORDER BY w
  ON CONFLICT DO NOTHING;
END $$;
--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT w FROM bib_search, unnest(kp_search_words(trgm)) AS w
ON CONFLICT DO NOTHING;
