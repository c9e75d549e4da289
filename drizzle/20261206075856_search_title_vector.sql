-- The title alone gets its own vector and index: "the typed words are in the title" (the first
-- candidates of a search) and the advanced title field are answered from the index, where a weight in
-- a query on the whole vector makes PostgreSQL re-read every matching row. Libraries holding a copy
-- (and holding one on the shelf) get indexes too, so those filters combine with the text in the index.
ALTER TABLE "bib_search" ADD COLUMN "title_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_title_vector(title text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('russian'::regconfig, kp_fold(title)) || to_tsvector('simple'::regconfig, kp_fold(title));
--> statement-breakpoint
UPDATE "bib_search" s SET "title_vector" = kp_title_vector(r.search_title) FROM "bib_records" r WHERE r.id = s.record_id;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM bib_search s USING changed_records c WHERE s.record_id = c.id AND c.is_deleted;
  INSERT INTO bib_search (record_id, vector, title_vector, trgm, title_key, sort_title, year, language, material_type, age_label, subjects, bbk)
  SELECT c.id, kp_search_vector(c.search_title, c.search_authors, c.search_subjects, c.search_other),
    kp_title_vector(c.search_title), kp_fold(c.search_title || ' ' || c.search_authors), kp_fold(c.title), c.sort_title,
    c.year, c.language, c.material_type, c.age_label, c.subjects, c.bbk
  FROM changed_records c WHERE NOT c.is_deleted
  ON CONFLICT (record_id) DO UPDATE SET vector = excluded.vector, title_vector = excluded.title_vector, trgm = excluded.trgm,
    title_key = excluded.title_key, sort_title = excluded.sort_title, year = excluded.year, language = excluded.language,
    material_type = excluded.material_type, age_label = excluded.age_label, subjects = excluded.subjects, bbk = excluded.bbk;
  -- A new record has no copies yet; an updated one (or one restored from deletion) may have.
  IF TG_OP = 'UPDATE' THEN
    PERFORM kp_search_copies(array(SELECT id FROM changed_records WHERE NOT is_deleted));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE INDEX "bib_search__title_vector" ON "bib_search" USING gin ("title_vector");--> statement-breakpoint
CREATE INDEX "bib_search__library_ids" ON "bib_search" USING gin ("library_ids");--> statement-breakpoint
CREATE INDEX "bib_search__available_library_ids" ON "bib_search" USING gin ("available_library_ids");
