-- One definition of a record's search row, used by the triggers and by a bulk import. An import batch
-- inserts its records and their copies with the triggers deferred (kitepkana.search_deferred = 'on',
-- local to its transaction) and then writes each new search row once, copies included, instead of
-- inserting it and rewriting it (with every index entry) when the copies arrive.
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
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_deferred() RETURNS boolean LANGUAGE sql STABLE
  RETURN coalesce(current_setting('kitepkana.search_deferred', true), '') = 'on';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF kp_search_deferred() THEN
    RETURN NULL;
  END IF;
  DELETE FROM bib_search s USING changed_records c WHERE s.record_id = c.id AND c.is_deleted;
  PERFORM kp_search_write(array(SELECT id FROM changed_records WHERE NOT is_deleted));
  -- A new record has no copies yet; an updated one (or one restored from deletion) may have.
  IF TG_OP = 'UPDATE' THEN
    PERFORM kp_search_copies(array(SELECT id FROM changed_records WHERE NOT is_deleted));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_copies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF kp_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM kp_search_copies(array(SELECT DISTINCT record_id FROM new_copies));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM kp_search_copies(array(SELECT DISTINCT record_id FROM old_copies));
  ELSE
    PERFORM kp_search_copies(array(SELECT record_id FROM new_copies UNION SELECT record_id FROM old_copies));
  END IF;
  RETURN NULL;
END $$;
