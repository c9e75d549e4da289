-- The planner's estimate of how many rows a query returns ("about N" when a search's candidates were
-- capped), asked inside the search statement itself instead of in a second statement: the statement
-- calls it only when the candidates were capped, with the query's text (values written in, since
-- EXPLAIN takes no parameters here). Only explains: nothing is run (VOLATILE only because PostgreSQL
-- allows EXPLAIN in no other kind of function).
CREATE OR REPLACE FUNCTION kp_estimate_rows(query text) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
  RETURN round((plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric);
END $$;
--> statement-breakpoint
-- A search result's page and facets, built from what the search statement gathered. In PL/pgSQL so
-- that their statements are planned once per connection (a generic plan: they depend on no text or
-- filter), where inside the search statement they were planned again for every search (1–1.5 ms of
-- the 2 ms a search spent planning).
-- The page: each hit (in the order given) with its record's fields, its rank and its copies per
-- library (how many, and how many are on the shelf now; most on the shelf first).
CREATE OR REPLACE FUNCTION kp_search_page(record_ids uuid[], ranks double precision[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (SELECT coalesce(json_agg(json_build_object('id', r.id, 'format', r.format, 'title', r.title,
      'otherTitle', r.other_title, 'responsibility', r.responsibility, 'authors', r.authors, 'publisher', r.publisher,
      'place', r.place, 'year', r.year, 'isbns', r.isbns, 'language', r.language, 'subjects', r.subjects, 'bbk', r.bbk,
      'series', r.series, 'materialType', r.material_type, 'ageLabel', r.age_label, 'description', r.description,
      'rank', p.rank,
      'availability', (SELECT coalesce(json_agg(json_build_object('libraryId', l.id, 'libraryName', l.name,
            'total', c.total, 'available', c.available) ORDER BY c.available DESC, l.name), '[]'::json)
        FROM (SELECT i.library_id, count(*)::int AS total, (count(*) FILTER (WHERE i.status = 'available'))::int AS available
              FROM items i WHERE i.record_id = r.id AND i.status <> 'written_off' GROUP BY i.library_id) c
        JOIN libraries l ON l.id = c.library_id)) ORDER BY p.n), '[]'::json)
    FROM unnest(record_ids, ranks) WITH ORDINALITY AS p(record_id, rank, n)
    JOIN bib_records r ON r.id = p.record_id);
END $$;
--> statement-breakpoint
-- The facets: the ten commonest years, languages, types, subjects and libraries among the hits (one
-- element per hit, subjects and libraries one per hit holding them), each with its count.
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
      SELECT l.id::text AS value, l.name AS label, count(*)::int AS count FROM unnest(library_ids) AS h(library_id)
      JOIN libraries l ON l.id = h.library_id
      GROUP BY l.id, l.name ORDER BY count(*) DESC, l.name LIMIT 10) f));
END $$;
