CREATE INDEX "bib_search__first_subject" ON "bib_search" USING btree (translate(lower("subjects"[1]), 'ёңөүЁҢӨҮ', 'еноуеноу'));--> statement-breakpoint
-- Statistics of the new expression now, so that a common heading is read along the index until enough
-- rather than collected whole (without them the planner guesses 0.5 % of the catalogue for any heading).
ANALYZE bib_search;
