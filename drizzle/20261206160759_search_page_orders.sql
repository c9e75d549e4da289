DROP INDEX "bib_search__sort_title";--> statement-breakpoint
DROP INDEX "bib_search__year";--> statement-breakpoint
CREATE INDEX "bib_search__title_order" ON "bib_search" USING btree ("sort_title" collate "C","year" desc,"record_id");--> statement-breakpoint
CREATE INDEX "bib_search__year_desc" ON "bib_search" USING btree ("year" desc nulls last,"sort_title" collate "C","record_id");--> statement-breakpoint
CREATE INDEX "bib_search__year_asc" ON "bib_search" USING btree ("year" asc nulls last,"sort_title" collate "C","record_id");