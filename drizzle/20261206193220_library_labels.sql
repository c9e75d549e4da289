CREATE INDEX "libraries__name" ON "libraries" USING btree ("name");
--> statement-breakpoint
-- How a search result names a library: its name, and its village when another library of the
-- installation has the same name (every network numbers its branches: "Филиал № 5, с. Лебединовка").
CREATE OR REPLACE FUNCTION kp_library_label(name text, settlement text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN settlement <> '' AND position(settlement IN name) = 0
      AND EXISTS (SELECT 1 FROM libraries o WHERE o.name = kp_library_label.name AND o.settlement <> kp_library_label.settlement)
    THEN name || ', ' || settlement ELSE name END
$$;
--> statement-breakpoint
-- The search page and facets name libraries by kp_library_label (otherwise as in search_functions).
CREATE OR REPLACE FUNCTION kp_search_page(record_ids uuid[], ranks double precision[]) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (SELECT coalesce(json_agg(json_build_object('id', r.id, 'format', r.format, 'title', r.title,
      'otherTitle', r.other_title, 'responsibility', r.responsibility, 'authors', r.authors, 'publisher', r.publisher,
      'place', r.place, 'year', r.year, 'isbns', r.isbns, 'language', r.language, 'subjects', r.subjects, 'bbk', r.bbk,
      'series', r.series, 'materialType', r.material_type, 'ageLabel', r.age_label, 'description', r.description,
      'rank', p.rank,
      'availability', (SELECT coalesce(json_agg(json_build_object('libraryId', l.id, 'libraryName', kp_library_label(l.name, l.settlement),
            'total', c.total, 'available', c.available) ORDER BY c.available DESC, l.name), '[]'::json)
        FROM (SELECT i.library_id, count(*)::int AS total, (count(*) FILTER (WHERE i.status = 'available'))::int AS available
              FROM items i WHERE i.record_id = r.id AND i.status <> 'written_off' GROUP BY i.library_id) c
        JOIN libraries l ON l.id = c.library_id)) ORDER BY p.n), '[]'::json)
    FROM unnest(record_ids, ranks) WITH ORDINALITY AS p(record_id, rank, n)
    JOIN bib_records r ON r.id = p.record_id);
END $$;
--> statement-breakpoint
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
      SELECT l.id::text AS value, kp_library_label(l.name, l.settlement) AS label, count(*)::int AS count FROM unnest(library_ids) AS h(library_id)
      JOIN libraries l ON l.id = h.library_id
      GROUP BY l.id, l.name, l.settlement ORDER BY count(*) DESC, l.name LIMIT 10) f));
END $$;
