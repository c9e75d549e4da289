-- Import probes this index for every record: entries go straight into it, not into a pending list
-- that each probe reads through.
ALTER INDEX "bib_records__isbns" SET (fastupdate = off);
