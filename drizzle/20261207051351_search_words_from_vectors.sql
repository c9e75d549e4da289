-- The search row as before (search_without_trigrams), with the words for search_words taken from the
-- `simple` vectors of the title and the authors that the row's vector is made of: the title and authors
-- were parsed a third time for them. The words are filtered (three letters or more, no punctuation) once
-- per distinct word of the batch instead of once per word of every record.
CREATE OR REPLACE FUNCTION kp_search_write(record_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH f AS (
    SELECT c.id, c.sort_title, c.year, c.language, c.material_type, c.age_label, c.subjects, c.bbk, kp_fold(c.title) AS title_key,
      kp_fold(c.search_title) AS title, kp_fold(c.search_authors) AS authors, kp_fold(c.search_subjects) AS subject_text,
      kp_fold(c.search_other) AS other
    FROM bib_records c
    WHERE c.id = ANY (record_ids) AND NOT c.is_deleted
  ), v AS (
    SELECT f.*, s.simple_title, s.simple_authors,
      setweight(to_tsvector('russian'::regconfig, f.title), 'A')
      || setweight(to_tsvector('russian'::regconfig, f.authors), 'B')
      || setweight(to_tsvector('russian'::regconfig, f.subject_text), 'C')
      || setweight(to_tsvector('russian'::regconfig, f.other), 'D')
      || setweight(s.simple_title, 'A')
      || setweight(s.simple_authors, 'B')
      || setweight(to_tsvector('simple'::regconfig, f.subject_text), 'C')
      || setweight(to_tsvector('simple'::regconfig, f.other), 'D') AS vector
    FROM f
    CROSS JOIN LATERAL (SELECT to_tsvector('simple'::regconfig, f.title) AS simple_title,
      to_tsvector('simple'::regconfig, f.authors) AS simple_authors OFFSET 0) s
  ), written AS (
    INSERT INTO bib_search (record_id, vector, title_vector, title_key, sort_title, year, language, material_type,
      age_label, subjects, bbk, library_ids, available_library_ids)
    SELECT v.id, v.vector, setweight(ts_filter(v.vector, '{a}'), 'D'), v.title_key, v.sort_title,
      v.year, v.language, v.material_type, v.age_label, v.subjects, v.bbk,
      coalesce(k.library_ids, '{}'), coalesce(k.available_library_ids, '{}')
    FROM v
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT i.library_id) FILTER (WHERE i.status <> 'written_off') AS library_ids,
        array_agg(DISTINCT i.library_id) FILTER (WHERE i.status = 'available') AS available_library_ids
      FROM items i WHERE i.record_id = v.id
    ) k ON true
    ON CONFLICT (record_id) DO UPDATE SET vector = excluded.vector, title_vector = excluded.title_vector,
      title_key = excluded.title_key, sort_title = excluded.sort_title, year = excluded.year, language = excluded.language,
      material_type = excluded.material_type, age_label = excluded.age_label, subjects = excluded.subjects, bbk = excluded.bbk)
  INSERT INTO search_words (word)
  SELECT d.w FROM (SELECT DISTINCT w FROM v, unnest(tsvector_to_array(v.simple_title || v.simple_authors)) AS w) d
  WHERE length(d.w) >= 3 AND d.w !~ '[[:punct:][:space:]]'
  ORDER BY d.w
  ON CONFLICT DO NOTHING;
END $$;
