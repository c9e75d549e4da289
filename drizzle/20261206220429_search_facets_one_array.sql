-- The facets built from one array of the hits' facet columns (kp_search_hit), where the search statement
-- used to build five arrays for them, two of them by unnesting every hit's subjects and libraries in
-- subqueries of their own: those took more of a search's database CPU than the counting itself.
CREATE TYPE kp_search_hit AS (year integer, language text, material_type text, subjects text[], library_ids uuid[]);
--> statement-breakpoint
DROP FUNCTION kp_search_facets(integer[], text[], text[], text[], uuid[]);
--> statement-breakpoint
-- The ten commonest years, languages, types, subjects and libraries among the hits, each with its count
-- (subjects and libraries one per hit holding them); libraries counted first, then named (library_labels).
CREATE FUNCTION kp_search_facets(hits kp_search_hit[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN json_build_object(
    'years', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT h.year::text AS value, count(*)::int AS count FROM unnest(hits) AS h WHERE h.year IS NOT NULL
      GROUP BY h.year ORDER BY count(*) DESC, h.year DESC LIMIT 10) f),
    'languages', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT h.language AS value, count(*)::int AS count FROM unnest(hits) AS h WHERE h.language <> ''
      GROUP BY h.language ORDER BY count(*) DESC, h.language LIMIT 10) f),
    'material_types', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT h.material_type AS value, count(*)::int AS count FROM unnest(hits) AS h
      GROUP BY h.material_type ORDER BY count(*) DESC, h.material_type LIMIT 10) f),
    'subjects', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT v AS value, count(*)::int AS count FROM unnest(hits) AS h, unnest(h.subjects) AS v
      GROUP BY v ORDER BY count(*) DESC, v LIMIT 10) f),
    'libraries', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value), '[]'::json) FROM (
      SELECT l.id::text AS value, l.label, c.count FROM (
        SELECT v AS library_id, count(*)::int AS count FROM unnest(hits) AS h, unnest(h.library_ids) AS v GROUP BY v) c
      JOIN library_labels l ON l.id = c.library_id
      ORDER BY c.count DESC, l.name LIMIT 10) f));
END $$;
