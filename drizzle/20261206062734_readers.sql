CREATE SEQUENCE "public"."reader_card_numbers" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
CREATE TABLE "reader_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 100 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reader_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reader_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"registered_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reader_registrations__kind" CHECK ("reader_registrations"."kind" in ('registration','re_registration')),
	CONSTRAINT "reader_registrations__dates" CHECK ("reader_registrations"."expires_on" >= "reader_registrations"."registered_on")
);
--> statement-breakpoint
CREATE TABLE "readers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"card_number" text NOT NULL,
	"surname" text NOT NULL,
	"first_name" text NOT NULL,
	"patronymic" text DEFAULT '' NOT NULL,
	"birth_date" date,
	"birth_year" integer NOT NULL,
	"sex" text,
	"category_id" uuid NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"guardian_name" text DEFAULT '' NOT NULL,
	"guardian_relation" text DEFAULT '' NOT NULL,
	"guardian_phone" text DEFAULT '' NOT NULL,
	"consent_date" date,
	"consent_version" text DEFAULT '' NOT NULL,
	"home_library_id" uuid,
	"is_blocked" boolean DEFAULT false NOT NULL,
	"block_reason" text DEFAULT '' NOT NULL,
	"blocked_at" timestamp with time zone,
	"is_anonymised" boolean DEFAULT false NOT NULL,
	"anonymised_at" timestamp with time zone,
	"merged_into_id" uuid,
	"name_folded" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "readers__sex" CHECK ("readers"."sex" is null or "readers"."sex" in ('f','m')),
	CONSTRAINT "readers__birth_year" CHECK ("readers"."birth_year" between 1880 and 2200)
);
--> statement-breakpoint
ALTER TABLE "reader_categories" ADD CONSTRAINT "reader_categories_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_registrations" ADD CONSTRAINT "reader_registrations_reader_id_readers_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."readers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_registrations" ADD CONSTRAINT "reader_registrations_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_registrations" ADD CONSTRAINT "reader_registrations_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readers" ADD CONSTRAINT "readers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readers" ADD CONSTRAINT "readers_category_id_reader_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."reader_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readers" ADD CONSTRAINT "readers_home_library_id_libraries_id_fk" FOREIGN KEY ("home_library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reader_categories__network_name" ON "reader_categories" USING btree ("network_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "reader_categories__network_code" ON "reader_categories" USING btree ("network_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "reader_registrations__reader_library_year" ON "reader_registrations" USING btree ("reader_id","library_id","year");--> statement-breakpoint
CREATE INDEX "reader_registrations__library_year" ON "reader_registrations" USING btree ("library_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "readers__card_number" ON "readers" USING btree ("card_number");--> statement-breakpoint
CREATE INDEX "readers__network_name" ON "readers" USING btree ("network_id","name_folded","birth_date");--> statement-breakpoint
CREATE INDEX "readers__search" ON "readers" USING gin ("search_text" gin_trgm_ops);