-- How a search result names a library (kp_library_label: its village added when another library has the
-- same name) as a view the planner inlines: called as a SQL function for each copy row of a page and each
-- library facet, the rule cost a function call each (one executor started per call, about 0.2 ms of a
-- search's database CPU in all). kp_library_label stays for other callers.
CREATE OR REPLACE VIEW library_labels AS
  SELECT l.id, l.name,
    CASE WHEN l.settlement <> '' AND position(l.settlement IN l.name) = 0
      AND EXISTS (SELECT 1 FROM libraries o WHERE o.name = l.name AND o.settlement <> l.settlement)
    THEN l.name || ', ' || l.settlement ELSE l.name END AS label
  FROM libraries l;
--> statement-breakpoint
-- The page: as in library_labels (search_functions), and the copies of the page's records counted by one
-- scan of the copies index for all of them (was one subquery per record).
CREATE OR REPLACE FUNCTION kp_search_page(record_ids uuid[], ranks double precision[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (WITH copies AS (
      SELECT c.record_id, json_agg(json_build_object('libraryId', l.id, 'libraryName', l.label,
          'total', c.total, 'available', c.available) ORDER BY c.available DESC, l.name) AS availability
      FROM (SELECT i.record_id, i.library_id, count(*)::int AS total, (count(*) FILTER (WHERE i.status = 'available'))::int AS available
            FROM items i WHERE i.record_id = ANY (record_ids) AND i.status <> 'written_off' GROUP BY i.record_id, i.library_id) c
      JOIN library_labels l ON l.id = c.library_id
      GROUP BY c.record_id)
    SELECT coalesce(json_agg(json_build_object('id', r.id, 'format', r.format, 'title', r.title,
      'otherTitle', r.other_title, 'responsibility', r.responsibility, 'authors', r.authors, 'publisher', r.publisher,
      'place', r.place, 'year', r.year, 'isbns', r.isbns, 'language', r.language, 'subjects', r.subjects, 'bbk', r.bbk,
      'series', r.series, 'materialType', r.material_type, 'ageLabel', r.age_label, 'description', r.description,
      'rank', p.rank, 'availability', coalesce(c.availability, '[]'::json)) ORDER BY p.n), '[]'::json)
    FROM unnest(record_ids, ranks) WITH ORDINALITY AS p(record_id, rank, n)
    JOIN bib_records r ON r.id = p.record_id
    LEFT JOIN copies c ON c.record_id = p.record_id);
END $$;
--> statement-breakpoint
-- The facets: libraries counted first, then named through library_labels (the ten shown only).
CREATE OR REPLACE FUNCTION kp_search_facets(years integer[], languages text[], material_types text[], subjects text[], library_ids uuid[])
RETURNS json LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN json_build_object(
    'years', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT y::text AS value, count(*)::int AS count FROM unnest(years) AS y WHERE y IS NOT NULL
      GROUP BY y ORDER BY count(*) DESC, y DESC LIMIT 10) f),
    'languages', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT v AS value, count(*)::int AS count FROM unnest(languages) AS v WHERE v <> ''
      GROUP BY v ORDER BY count(*) DESC, v LIMIT 10) f),
    'material_types', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT v AS value, count(*)::int AS count FROM unnest(material_types) AS v
      GROUP BY v ORDER BY count(*) DESC, v LIMIT 10) f),
    'subjects', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT v AS value, count(*)::int AS count FROM unnest(subjects) AS v
      GROUP BY v ORDER BY count(*) DESC, v LIMIT 10) f),
    'libraries', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT l.id::text AS value, l.label, c.count FROM (
        SELECT h.library_id, count(*)::int AS count FROM unnest(library_ids) AS h(library_id) GROUP BY h.library_id) c
      JOIN library_labels l ON l.id = c.library_id
      ORDER BY c.count DESC, l.name LIMIT 10) f));
END $$;
