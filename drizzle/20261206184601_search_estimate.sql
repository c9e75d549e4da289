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
