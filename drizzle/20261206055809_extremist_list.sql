CREATE TABLE "extremist_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"commission" text[] DEFAULT '{}'::text[] NOT NULL,
	"records_checked" integer NOT NULL,
	"entries_checked" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "extremist_checks__status" CHECK ("extremist_checks"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "extremist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"title_key" text DEFAULT '' NOT NULL,
	"author_key" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extremist_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_name" text DEFAULT '' NOT NULL,
	"published_on" date,
	"entry_count" integer NOT NULL,
	"imported_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extremist_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"score" real NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"action" text,
	"note" text DEFAULT '' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "extremist_matches__decision" CHECK ("extremist_matches"."decision" in ('pending', 'confirmed', 'dismissed')),
	CONSTRAINT "extremist_matches__action" CHECK ("extremist_matches"."action" is null or "extremist_matches"."action" in ('flag', 'withdraw'))
);
--> statement-breakpoint
ALTER TABLE "extremist_checks" ADD CONSTRAINT "extremist_checks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extremist_checks" ADD CONSTRAINT "extremist_checks_list_id_extremist_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."extremist_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extremist_entries" ADD CONSTRAINT "extremist_entries_list_id_extremist_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."extremist_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extremist_matches" ADD CONSTRAINT "extremist_matches_check_id_extremist_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."extremist_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extremist_matches" ADD CONSTRAINT "extremist_matches_entry_id_extremist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."extremist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extremist_matches" ADD CONSTRAINT "extremist_matches_record_id_bib_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."bib_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extremist_checks__network" ON "extremist_checks" USING btree ("network_id","checked_on");--> statement-breakpoint
CREATE UNIQUE INDEX "extremist_entries__number" ON "extremist_entries" USING btree ("list_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "extremist_matches__pair" ON "extremist_matches" USING btree ("check_id","entry_id","record_id");