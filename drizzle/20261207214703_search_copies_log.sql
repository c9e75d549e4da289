-- The search index in memory also keeps the pages it answers (a record's fields and its copies per library,
-- as kp_search_page gives them), so a copy lent, returned or written off must reach it even when bib_search
-- does not change (the libraries holding the record stay the same): such statements on items log their
-- records too (and a library's or network's changes, below). Made disabled, like the log's other triggers, and turned on when a process loads an index.
CREATE FUNCTION kp_search_log_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bib_search_changes (record_id) SELECT DISTINCT c.record_id FROM copies_written c;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER items_log_insert AFTER INSERT ON items REFERENCING NEW TABLE AS copies_written
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_copies();
--> statement-breakpoint
CREATE TRIGGER items_log_update AFTER UPDATE ON items REFERENCING NEW TABLE AS copies_written
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_copies();
--> statement-breakpoint
CREATE TRIGGER items_log_delete AFTER DELETE ON items REFERENCING OLD TABLE AS copies_written
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_copies();
--> statement-breakpoint
ALTER TABLE items DISABLE TRIGGER items_log_insert;
--> statement-breakpoint
ALTER TABLE items DISABLE TRIGGER items_log_update;
--> statement-breakpoint
ALTER TABLE items DISABLE TRIGGER items_log_delete;
--> statement-breakpoint
-- A library or network added, renamed or removed changes the names the pages show (library_labels) and the
-- library facet's order: logged as the nil record, which makes an index forget every page it keeps.
CREATE FUNCTION kp_search_log_libraries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bib_search_changes (record_id) VALUES ('00000000-0000-0000-0000-000000000000');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER libraries_log AFTER INSERT OR UPDATE OR DELETE ON libraries
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_libraries();
--> statement-breakpoint
CREATE TRIGGER networks_log AFTER INSERT OR UPDATE OR DELETE ON networks
  FOR EACH STATEMENT EXECUTE FUNCTION kp_search_log_libraries();
--> statement-breakpoint
ALTER TABLE libraries DISABLE TRIGGER libraries_log;
--> statement-breakpoint
ALTER TABLE networks DISABLE TRIGGER networks_log;
--> statement-breakpoint
-- Whether bib_search or a copy changed since an index last read the log (`since`, the xids it has applied at
-- or after it in `seen`): asked before a search is answered from memory.
CREATE FUNCTION kp_search_changed(since xid8, seen xid8[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM bib_search_changes c WHERE c.xid >= since AND c.xid <> ALL (seen))
$$;
--> statement-breakpoint
-- Replaced by kp_search_changed and the pages the index keeps.
DROP FUNCTION kp_search_answer(uuid[], double precision[], uuid[], integer[], xid8, xid8[]);
