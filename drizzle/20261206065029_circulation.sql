CREATE TABLE "circulation_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"hold_shelf_days" integer DEFAULT 7 NOT NULL,
	"block_after_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "circulation_settings__shelf" CHECK ("circulation_settings"."hold_shelf_days" between 1 and 60),
	CONSTRAINT "circulation_settings__block" CHECK ("circulation_settings"."block_after_days" is null or "circulation_settings"."block_after_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "deposit_collection_items" (
	"collection_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"point_loans" integer DEFAULT 0 NOT NULL,
	"returned_at" timestamp with time zone,
	CONSTRAINT "deposit_collection_items__pk" PRIMARY KEY("collection_id","item_id"),
	CONSTRAINT "deposit_collection_items__loans" CHECK ("deposit_collection_items"."point_loans" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deposit_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"service_point_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"returned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deposit_collections__dates" CHECK ("deposit_collections"."ends_on" >= "deposit_collections"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "desk_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"loan_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"undo" jsonb NOT NULL,
	"undone_at" timestamp with time zone,
	CONSTRAINT "desk_actions__kind" CHECK ("desk_actions"."kind" in ('checkout','return','renew'))
);
--> statement-breakpoint
CREATE TABLE "holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"pickup_library_id" uuid NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"item_id" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"placed_by" uuid,
	"ready_at" timestamp with time zone,
	"expires_on" date,
	"closed_at" timestamp with time zone,
	CONSTRAINT "holds__status" CHECK ("holds"."status" in ('waiting','in_transit','ready','fulfilled','cancelled','expired'))
);
--> statement-breakpoint
CREATE TABLE "in_library_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "item_transits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"from_library_id" uuid NOT NULL,
	"to_library_id" uuid NOT NULL,
	"hold_id" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "loan_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid,
	"reader_category_id" uuid,
	"item_type" text,
	"loan_days" integer NOT NULL,
	"max_items" integer NOT NULL,
	"max_renewals" integer NOT NULL,
	"holds_allowed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_rules__scope" UNIQUE NULLS NOT DISTINCT("network_id","library_id","reader_category_id","item_type"),
	CONSTRAINT "loan_rules__loan_days" CHECK ("loan_rules"."loan_days" between 0 and 365),
	CONSTRAINT "loan_rules__max_items" CHECK ("loan_rules"."max_items" between 0 and 1000),
	CONSTRAINT "loan_rules__max_renewals" CHECK ("loan_rules"."max_renewals" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"service_point_id" uuid,
	"loaned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_on" date NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"returned_at" timestamp with time zone,
	"return_library_id" uuid,
	"age_override_reason" text DEFAULT '' NOT NULL,
	"lent_by" uuid,
	"returned_by" uuid,
	CONSTRAINT "loans__renewals" CHECK ("loans"."renewals" >= 0)
);
--> statement-breakpoint
CREATE TABLE "manual_visits" (
	"library_id" uuid NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_visits__library_day" PRIMARY KEY("library_id","day"),
	CONSTRAINT "manual_visits__count" CHECK ("manual_visits"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "overdue_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by" uuid,
	CONSTRAINT "overdue_notices__channel" CHECK ("overdue_notices"."channel" in ('email','letter'))
);
--> statement-breakpoint
CREATE TABLE "point_visits" (
	"collection_id" uuid NOT NULL,
	"day" date NOT NULL,
	"readers" integer DEFAULT 0 NOT NULL,
	"loans" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "point_visits__pk" PRIMARY KEY("collection_id","day"),
	CONSTRAINT "point_visits__counts" CHECK ("point_visits"."readers" >= 0 and "point_visits"."loans" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reader_visits" (
	"reader_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "reader_visits__reader_library_day" PRIMARY KEY("reader_id","library_id","day")
);
--> statement-breakpoint
ALTER TABLE "circulation_settings" ADD CONSTRAINT "circulation_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_collection_items" ADD CONSTRAINT "deposit_collection_items_collection_id_deposit_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."deposit_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_collection_items" ADD CONSTRAINT "deposit_collection_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_collections" ADD CONSTRAINT "deposit_collections_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_collections" ADD CONSTRAINT "deposit_collections_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_collections" ADD CONSTRAINT "deposit_collections_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_actions" ADD CONSTRAINT "desk_actions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_record_id_bib_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."bib_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_reader_id_readers_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."readers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_pickup_library_id_libraries_id_fk" FOREIGN KEY ("pickup_library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_library_uses" ADD CONSTRAINT "in_library_uses_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_library_uses" ADD CONSTRAINT "in_library_uses_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_library_uses" ADD CONSTRAINT "in_library_uses_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "in_library_uses" ADD CONSTRAINT "in_library_uses_reader_id_readers_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."readers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_transits" ADD CONSTRAINT "item_transits_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_transits" ADD CONSTRAINT "item_transits_from_library_id_libraries_id_fk" FOREIGN KEY ("from_library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_transits" ADD CONSTRAINT "item_transits_to_library_id_libraries_id_fk" FOREIGN KEY ("to_library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_transits" ADD CONSTRAINT "item_transits_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_rules" ADD CONSTRAINT "loan_rules_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_rules" ADD CONSTRAINT "loan_rules_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_rules" ADD CONSTRAINT "loan_rules_reader_category_id_reader_categories_id_fk" FOREIGN KEY ("reader_category_id") REFERENCES "public"."reader_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_reader_id_readers_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."readers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_return_library_id_libraries_id_fk" FOREIGN KEY ("return_library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_visits" ADD CONSTRAINT "manual_visits_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overdue_notices" ADD CONSTRAINT "overdue_notices_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_visits" ADD CONSTRAINT "point_visits_collection_id_deposit_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."deposit_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_visits" ADD CONSTRAINT "reader_visits_reader_id_readers_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."readers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_visits" ADD CONSTRAINT "reader_visits_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deposit_collection_items__item" ON "deposit_collection_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "deposit_collections__library" ON "deposit_collections" USING btree ("library_id","starts_on");--> statement-breakpoint
CREATE INDEX "desk_actions__loan" ON "desk_actions" USING btree ("loan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "holds__active_reader_record" ON "holds" USING btree ("reader_id","record_id") WHERE "holds"."status" in ('waiting','in_transit','ready');--> statement-breakpoint
CREATE UNIQUE INDEX "holds__active_item" ON "holds" USING btree ("item_id") WHERE "holds"."status" in ('in_transit','ready');--> statement-breakpoint
CREATE INDEX "holds__queue" ON "holds" USING btree ("record_id","placed_at") WHERE "holds"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "holds__pickup" ON "holds" USING btree ("pickup_library_id","status");--> statement-breakpoint
CREATE INDEX "holds__reader" ON "holds" USING btree ("reader_id","status");--> statement-breakpoint
CREATE INDEX "in_library_uses__library" ON "in_library_uses" USING btree ("library_id","used_at");--> statement-breakpoint
CREATE INDEX "in_library_uses__reader" ON "in_library_uses" USING btree ("reader_id");--> statement-breakpoint
CREATE UNIQUE INDEX "item_transits__open_item" ON "item_transits" USING btree ("item_id") WHERE "item_transits"."received_at" is null;--> statement-breakpoint
CREATE INDEX "item_transits__to" ON "item_transits" USING btree ("to_library_id") WHERE "item_transits"."received_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "loans__open_item" ON "loans" USING btree ("item_id") WHERE "loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "loans__open_reader" ON "loans" USING btree ("reader_id") WHERE "loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "loans__open_library_due" ON "loans" USING btree ("library_id","due_on") WHERE "loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "loans__reader_history" ON "loans" USING btree ("reader_id","loaned_at");--> statement-breakpoint
CREATE INDEX "loans__library_loaned" ON "loans" USING btree ("library_id","loaned_at");--> statement-breakpoint
CREATE INDEX "overdue_notices__loan" ON "overdue_notices" USING btree ("loan_id","sent_at");--> statement-breakpoint
CREATE INDEX "reader_visits__library_day" ON "reader_visits" USING btree ("library_id","day");