-- The search index in the app's memory (src/catalog/search-index) is kept in step with bib_search through this
-- log: every statement that writes bib_search (a record saved or deleted, an import's batch, a copy lent or
-- returned) logs the records it wrote with its transaction's id. A process reads what was logged by
-- transactions at or after the oldest one that was still running when it last read (the xmin of its
-- snapshot), so no change committed late is missed; rows older than a day are pruned by the readers.
-- The log costs every write to bib_search a statement (an import's copies one each), so its triggers are
-- made disabled and a process turns them on when it loads the index (registry.ts); until then nothing reads it.
CREATE TABLE bib_search_changes (
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  record_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX bib_search_changes__xid ON bib_search_changes (xid);
--> statement-breakpoint
CREATE INDEX bib_search_changes__at ON bib_search_changes (at);
--> statement-breakpoint
CREATE FUNCTION kp_search_log_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bib_search_changes (record_id) SELECT DISTINCT n.record_id FROM written_rows n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bib_search_log_insert AFTER INSERT ON bib_search REFERENCING NEW TABLE AS written_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_new();
--> statement-breakpoint
CREATE TRIGGER bib_search_log_update AFTER UPDATE ON bib_search REFERENCING NEW TABLE AS written_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_new();
--> statement-breakpoint
CREATE TRIGGER bib_search_log_delete AFTER DELETE ON bib_search REFERENCING OLD TABLE AS written_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_new();
--> statement-breakpoint
ALTER TABLE bib_search DISABLE TRIGGER bib_search_log_insert;
--> statement-breakpoint
ALTER TABLE bib_search DISABLE TRIGGER bib_search_log_update;
--> statement-breakpoint
ALTER TABLE bib_search DISABLE TRIGGER bib_search_log_delete;
--> statement-breakpoint
-- What a search answered from memory still reads from the database, in one statement: its page (the hits'
-- records with their copies per library), its library facet named and in the network's order (as
-- kp_search_facets lists it), and whether bib_search changed since the index last read the log (`since`,
-- the xids it has applied at or after it in `seen`): then the index catches up and the search is answered again.
CREATE FUNCTION kp_search_answer(record_ids uuid[], ranks double precision[], facet_libraries uuid[], facet_counts integer[],
  since xid8, seen xid8[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN json_build_object(
    'page', kp_search_page(record_ids, ranks),
    'libraries', (SELECT coalesce(json_agg(json_build_object('value', f.value, 'label', f.label, 'count', f.count) ORDER BY f.n), '[]'::json) FROM (
      SELECT l.id::text AS value, l.label, c.count,
        row_number() OVER (ORDER BY c.count DESC, l.network_name, l.kind_rank, l.number, l.name, l.id) AS n
      FROM unnest(facet_libraries, facet_counts) AS c(library_id, count)
      JOIN library_labels l ON l.id = c.library_id
      ORDER BY n LIMIT 10) f),
    'changed', EXISTS (SELECT 1 FROM bib_search_changes c WHERE c.xid >= since AND c.xid <> ALL (seen)));
END $$;
