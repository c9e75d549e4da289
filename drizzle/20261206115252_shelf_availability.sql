-- A copy lent or returned changes at most one thing in the search table: whether its library still
-- (or again) has a copy of the record on the shelf. That is decided under the record's lock from the
-- current list and, when the last copy may have left, one index probe, instead of recounting every
-- copy of the record. An update that changes no copy's record, library, shelf or written-off state (a
-- note, a price) does not touch the search table at all; larger changes recount as before. An import
-- batch still defers the trigger (search_bulk_write).
CREATE OR REPLACE FUNCTION kp_search_copies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  shelf uuid[];
BEGIN
  IF kp_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM kp_search_copies(array(SELECT DISTINCT record_id FROM new_copies));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM kp_search_copies(array(SELECT DISTINCT record_id FROM old_copies));
  ELSIF EXISTS (
    SELECT 1 FROM new_copies n JOIN old_copies o ON o.id = n.id
    WHERE n.record_id IS DISTINCT FROM o.record_id OR n.library_id IS DISTINCT FROM o.library_id
      OR (n.status = 'written_off') IS DISTINCT FROM (o.status = 'written_off'))
    OR (SELECT count(*) FROM new_copies) > 20 THEN
    PERFORM kp_search_copies(array(SELECT record_id FROM new_copies UNION SELECT record_id FROM old_copies));
  ELSE
    FOR c IN
      SELECT n.record_id, n.library_id, n.status = 'available' AS on_shelf
      FROM new_copies n JOIN old_copies o ON o.id = n.id
      WHERE (n.status = 'available') <> (o.status = 'available')
      ORDER BY n.record_id
    LOOP
      -- The lock returns the latest committed list; the probe below runs in a fresh snapshot, so a
      -- concurrent desk lending the other copy on the same shelf is seen rather than missed.
      SELECT s.available_library_ids INTO shelf FROM bib_search s WHERE s.record_id = c.record_id FOR UPDATE;
      IF NOT FOUND THEN
        CONTINUE;
      ELSIF c.on_shelf AND NOT (c.library_id = ANY (shelf)) THEN
        UPDATE bib_search SET available_library_ids = array(SELECT DISTINCT x FROM unnest(shelf || c.library_id) AS k(x) ORDER BY x)
        WHERE record_id = c.record_id;
      ELSIF NOT c.on_shelf AND c.library_id = ANY (shelf) AND NOT EXISTS (
          SELECT 1 FROM items i WHERE i.record_id = c.record_id AND i.library_id = c.library_id AND i.status = 'available') THEN
        UPDATE bib_search SET available_library_ids = array_remove(shelf, c.library_id) WHERE record_id = c.record_id;
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
