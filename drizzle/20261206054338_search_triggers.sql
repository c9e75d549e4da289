-- The search index (bib_search) is derived by the database itself, in the same transaction as the
-- change and set-based per statement: a batch of 1,000 imported records is analysed by one INSERT.
CREATE OR REPLACE FUNCTION kp_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN translate(lower(value), 'ёңөүЁҢӨҮ', 'еноуеноу');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_vector(title text, authors text, subjects text, other text)
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('russian'::regconfig, kp_fold(title)), 'A')
    || setweight(to_tsvector('russian'::regconfig, kp_fold(authors)), 'B')
    || setweight(to_tsvector('russian'::regconfig, kp_fold(subjects)), 'C')
    || setweight(to_tsvector('russian'::regconfig, kp_fold(other)), 'D')
    || setweight(to_tsvector('simple'::regconfig, kp_fold(title)), 'A')
    || setweight(to_tsvector('simple'::regconfig, kp_fold(authors)), 'B')
    || setweight(to_tsvector('simple'::regconfig, kp_fold(subjects)), 'C')
    || setweight(to_tsvector('simple'::regconfig, kp_fold(other)), 'D');
--> statement-breakpoint
-- Copies per record: libraries holding one that is not written off, and those with one on the shelf.
CREATE OR REPLACE FUNCTION kp_search_copies(record_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Lock first, then read the copies in a fresh snapshot: a concurrent change to the same record's
  -- copies is then seen rather than overwritten.
  PERFORM 1 FROM bib_search WHERE record_id = ANY (record_ids) ORDER BY record_id FOR UPDATE;
  UPDATE bib_search s
  SET library_ids = c.library_ids, available_library_ids = c.available_library_ids
  FROM (
    SELECT r.id,
      coalesce(array_agg(DISTINCT i.library_id) FILTER (WHERE i.status <> 'written_off'), '{}') AS library_ids,
      coalesce(array_agg(DISTINCT i.library_id) FILTER (WHERE i.status = 'available'), '{}') AS available_library_ids
    FROM unnest(record_ids) AS r(id) LEFT JOIN items i ON i.record_id = r.id
    GROUP BY r.id
  ) c
  WHERE s.record_id = c.id
    AND (s.library_ids IS DISTINCT FROM c.library_ids OR s.available_library_ids IS DISTINCT FROM c.available_library_ids);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM bib_search s USING changed_records c WHERE s.record_id = c.id AND c.is_deleted;
  INSERT INTO bib_search (record_id, vector, trgm, title_key, sort_title, year, language, material_type, age_label, subjects, bbk)
  SELECT c.id, kp_search_vector(c.search_title, c.search_authors, c.search_subjects, c.search_other),
    kp_fold(c.search_title || ' ' || c.search_authors), kp_fold(c.title), c.sort_title, c.year, c.language,
    c.material_type, c.age_label, c.subjects, c.bbk
  FROM changed_records c WHERE NOT c.is_deleted
  ON CONFLICT (record_id) DO UPDATE SET vector = excluded.vector, trgm = excluded.trgm, title_key = excluded.title_key,
    sort_title = excluded.sort_title, year = excluded.year, language = excluded.language,
    material_type = excluded.material_type, age_label = excluded.age_label, subjects = excluded.subjects, bbk = excluded.bbk;
  -- A new record has no copies yet; an updated one (or one restored from deletion) may have.
  IF TG_OP = 'UPDATE' THEN
    PERFORM kp_search_copies(array(SELECT id FROM changed_records WHERE NOT is_deleted));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bib_records__search_insert AFTER INSERT ON bib_records
  REFERENCING NEW TABLE AS changed_records FOR EACH STATEMENT EXECUTE FUNCTION kp_search_records_changed();
--> statement-breakpoint
CREATE TRIGGER bib_records__search_update AFTER UPDATE ON bib_records
  REFERENCING NEW TABLE AS changed_records FOR EACH STATEMENT EXECUTE FUNCTION kp_search_records_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_copies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kp_search_copies(array(SELECT DISTINCT record_id FROM new_copies));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM kp_search_copies(array(SELECT DISTINCT record_id FROM old_copies));
  ELSE
    PERFORM kp_search_copies(array(SELECT record_id FROM new_copies UNION SELECT record_id FROM old_copies));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER items__search_insert AFTER INSERT ON items
  REFERENCING NEW TABLE AS new_copies FOR EACH STATEMENT EXECUTE FUNCTION kp_search_copies_changed();
--> statement-breakpoint
CREATE TRIGGER items__search_update AFTER UPDATE ON items
  REFERENCING OLD TABLE AS old_copies NEW TABLE AS new_copies FOR EACH STATEMENT EXECUTE FUNCTION kp_search_copies_changed();
--> statement-breakpoint
CREATE TRIGGER items__search_delete AFTER DELETE ON items
  REFERENCING OLD TABLE AS old_copies FOR EACH STATEMENT EXECUTE FUNCTION kp_search_copies_changed();
--> statement-breakpoint
-- Records saved before this migration.
INSERT INTO bib_search (record_id, vector, trgm, title_key, sort_title, year, language, material_type, age_label, subjects, bbk)
SELECT id, kp_search_vector(search_title, search_authors, search_subjects, search_other),
  kp_fold(search_title || ' ' || search_authors), kp_fold(title), sort_title, year, language, material_type, age_label, subjects, bbk
FROM bib_records WHERE NOT is_deleted;
--> statement-breakpoint
SELECT kp_search_copies(array(SELECT DISTINCT record_id FROM items));
