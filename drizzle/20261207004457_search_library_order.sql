-- Libraries in search results in the network's own order, as the list of libraries shows them: the
-- network, then the central library, the children's library, the branches by number (№ 3 before № 11),
-- then the name. The availability of a result listed libraries with the same number of copies on the
-- shelf by name as text ("Филиал № 11" before "Филиал № 3"), and the library facet listed libraries with
-- the same count in the order of their ids, that is at random.
CREATE OR REPLACE VIEW library_labels AS
  SELECT l.id, l.name,
    CASE WHEN l.settlement <> '' AND position(l.settlement IN l.name) = 0
      AND EXISTS (SELECT 1 FROM libraries o WHERE o.name = l.name AND o.settlement <> l.settlement)
    THEN l.name || ', ' || l.settlement ELSE l.name END AS label,
    n.short_name AS network_name,
    CASE l.kind WHEN 'central' THEN 0 WHEN 'children' THEN 1 ELSE 2 END AS kind_rank,
    l.number
  FROM libraries l JOIN networks n ON n.id = l.network_id;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kp_search_page(record_ids uuid[], ranks double precision[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (WITH copies AS (
      SELECT c.record_id, json_agg(json_build_object('libraryId', l.id, 'libraryName', l.label,
          'total', c.total, 'available', c.available)
          ORDER BY c.available DESC, l.network_name, l.kind_rank, l.number, l.name) AS availability
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
-- The facets as before (search_facets_one_array), each listed in the order its ten were chosen: years
-- with the same count newest first, libraries with the same count in the network's order.
CREATE OR REPLACE FUNCTION kp_search_facets(hits kp_search_hit[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN json_build_object(
    'years', (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f.value DESC), '[]'::json) FROM (
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
    'libraries', (SELECT coalesce(json_agg(json_build_object('value', f.value, 'label', f.label, 'count', f.count) ORDER BY f.n), '[]'::json) FROM (
      SELECT l.id::text AS value, l.label, c.count,
        row_number() OVER (ORDER BY c.count DESC, l.network_name, l.kind_rank, l.number, l.name, l.id) AS n FROM (
        SELECT v AS library_id, count(*)::int AS count FROM unnest(hits) AS h, unnest(h.library_ids) AS v GROUP BY v) c
      JOIN library_labels l ON l.id = c.library_id
      ORDER BY c.count DESC, l.network_name, l.kind_rank, l.number, l.name, l.id LIMIT 10) f));
END $$;
