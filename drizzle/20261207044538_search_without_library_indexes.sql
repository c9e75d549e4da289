-- No search reads these: a library is checked on the rows the text index or a page order returns
-- (`id = any(library_ids)`, which a GIN index cannot answer). Each copy written, lent or returned
-- still updated them.
DROP INDEX "bib_search__library_ids";--> statement-breakpoint
DROP INDEX "bib_search__available_library_ids";
