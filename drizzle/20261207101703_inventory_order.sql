-- The order of the inventory book: each run of digits compared as a number ("9" before "10", "Ф-99"
-- before "Ф-100"), the rest as written. Compared with collate "C"; the copies list reads it along the
-- indexes on (network, key) and (library, key) (catalog.tables.ts).
CREATE FUNCTION kp_inventory_key(inventory_number text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(string_agg(CASE WHEN p[1] ~ '^[0-9]' THEN lpad(p[1], 20, '0') ELSE p[1] END, '' ORDER BY n), '')
  FROM regexp_matches(inventory_number, '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS m(p, n)
$$;
