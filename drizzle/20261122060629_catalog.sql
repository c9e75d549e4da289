CREATE TABLE "bib_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" text NOT NULL,
	"marc" jsonb NOT NULL,
	"control_number" text,
	"control_source" text,
	"title" text DEFAULT '' NOT NULL,
	"other_title" text DEFAULT '' NOT NULL,
	"responsibility" text DEFAULT '' NOT NULL,
	"authors" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_author" text,
	"publisher" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"year" integer,
	"edition" text DEFAULT '' NOT NULL,
	"isbns" text[] DEFAULT '{}'::text[] NOT NULL,
	"issn" text DEFAULT '' NOT NULL,
	"language" text DEFAULT '' NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"bbk" text[] DEFAULT '{}'::text[] NOT NULL,
	"udc" text[] DEFAULT '{}'::text[] NOT NULL,
	"series" text DEFAULT '' NOT NULL,
	"extent" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"material_type" text DEFAULT 'book' NOT NULL,
	"age_label" text,
	"description" text DEFAULT '' NOT NULL,
	"sort_title" text DEFAULT '' NOT NULL,
	"search_title" text DEFAULT '' NOT NULL,
	"search_authors" text DEFAULT '' NOT NULL,
	"search_subjects" text DEFAULT '' NOT NULL,
	"search_other" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('russian'::regconfig, translate(lower(search_title), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'A') || setweight(to_tsvector('russian'::regconfig, translate(lower(search_authors), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'B') || setweight(to_tsvector('russian'::regconfig, translate(lower(search_subjects), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'C') || setweight(to_tsvector('russian'::regconfig, translate(lower(search_other), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'D') || setweight(to_tsvector('simple'::regconfig, translate(lower(search_title), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'A') || setweight(to_tsvector('simple'::regconfig, translate(lower(search_authors), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'B') || setweight(to_tsvector('simple'::regconfig, translate(lower(search_subjects), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'C') || setweight(to_tsvector('simple'::regconfig, translate(lower(search_other), 'ёңөүЁҢӨҮ', 'еноуеноу')), 'D')) STORED NOT NULL,
	"search_trgm" text GENERATED ALWAYS AS (translate(lower(search_title || ' ' || search_authors), 'ёңөүЁҢӨҮ', 'еноуеноу')) STORED NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bib_records__format" CHECK ("bib_records"."format" in ('rusmarc','marc21')),
	CONSTRAINT "bib_records__material_type" CHECK ("bib_records"."material_type" in ('book','periodical','e-resource','audio','video','map','other')),
	CONSTRAINT "bib_records__age_label" CHECK ("bib_records"."age_label" is null or "bib_records"."age_label" in ('0+','6+','12+','16+','18+'))
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"inventory_number" text NOT NULL,
	"barcode" text NOT NULL,
	"call_number" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"price" numeric(12, 2),
	"currency" text NOT NULL,
	"acquired_on" date,
	"status" text DEFAULT 'available' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items__barcode_present" CHECK ("items"."barcode" <> ''),
	CONSTRAINT "items__inventory_number_present" CHECK ("items"."inventory_number" <> ''),
	CONSTRAINT "items__price" CHECK ("items"."price" is null or "items"."price" >= 0),
	CONSTRAINT "items__currency" CHECK ("items"."currency" in ('KGS','RUB')),
	CONSTRAINT "items__status" CHECK ("items"."status" in ('available','on_loan','in_transit','at_service_point','in_repair','lost','written_off'))
);
--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_record_id_bib_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."bib_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bib_records__control" ON "bib_records" USING btree ("control_number","control_source") WHERE "bib_records"."control_number" is not null and "bib_records"."control_source" is not null;--> statement-breakpoint
CREATE INDEX "bib_records__search_vector" ON "bib_records" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "bib_records__search_trgm" ON "bib_records" USING gin ("search_trgm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "bib_records__isbns" ON "bib_records" USING gin ("isbns");--> statement-breakpoint
CREATE INDEX "bib_records__year" ON "bib_records" USING btree ("year");--> statement-breakpoint
CREATE INDEX "bib_records__updated" ON "bib_records" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "items__inventory_number" ON "items" USING btree ("network_id","inventory_number");--> statement-breakpoint
CREATE UNIQUE INDEX "items__barcode" ON "items" USING btree ("barcode");--> statement-breakpoint
CREATE INDEX "items__record" ON "items" USING btree ("record_id","library_id","status");--> statement-breakpoint
CREATE INDEX "items__library" ON "items" USING btree ("library_id","status");