CREATE TABLE "bib_search" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"vector" "tsvector" NOT NULL,
	"trgm" text NOT NULL,
	"title_key" text NOT NULL,
	"sort_title" text NOT NULL,
	"year" integer,
	"language" text NOT NULL,
	"material_type" text NOT NULL,
	"age_label" text,
	"subjects" text[] NOT NULL,
	"bbk" text[] NOT NULL,
	"library_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"available_library_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
DROP INDEX "bib_records__search_vector";--> statement-breakpoint
DROP INDEX "bib_records__search_trgm";--> statement-breakpoint
ALTER TABLE "bib_search" ADD CONSTRAINT "bib_search_record_id_bib_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."bib_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bib_search__vector" ON "bib_search" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "bib_search__trgm" ON "bib_search" USING gin ("trgm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "bib_search__title_key" ON "bib_search" USING btree ("title_key");--> statement-breakpoint
CREATE INDEX "bib_search__sort_title" ON "bib_search" USING btree ("sort_title" collate "C","record_id");--> statement-breakpoint
CREATE INDEX "bib_search__year" ON "bib_search" USING btree ("year");--> statement-breakpoint
CREATE INDEX "bib_records__control_number" ON "bib_records" USING btree ("control_number");--> statement-breakpoint
CREATE INDEX "bib_records__title_lower" ON "bib_records" USING btree (lower("title"));--> statement-breakpoint
ALTER TABLE "bib_records" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "bib_records" DROP COLUMN "search_trgm";