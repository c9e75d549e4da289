CREATE TABLE "event_exhibitions" (
	"event_id" uuid NOT NULL,
	"exhibition_id" uuid NOT NULL,
	CONSTRAINT "event_exhibitions__pk" PRIMARY KEY("event_id","exhibition_id"),
	CONSTRAINT "event_exhibitions__not_self" CHECK ("event_exhibitions"."event_id" <> "event_exhibitions"."exhibition_id")
);
--> statement-breakpoint
CREATE TABLE "event_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_ky" text DEFAULT '' NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"is_exhibition" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_photos" (
	"event_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_photos__pk" PRIMARY KEY("event_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "event_records" (
	"event_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	CONSTRAINT "event_records__pk" PRIMARY KEY("event_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations__contact" CHECK ("event_registrations"."phone" <> '' or "event_registrations"."email" <> '')
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"place" text NOT NULL,
	"place_note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_on" date NOT NULL,
	"start_time" time,
	"end_time" time,
	"time_zone" text NOT NULL,
	"held_on" date,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"attendance_total" integer,
	"attendance_children" integer DEFAULT 0 NOT NULL,
	"attendance_youth" integer DEFAULT 0 NOT NULL,
	"attendance_adults" integer DEFAULT 0 NOT NULL,
	"responsible_staff_id" uuid,
	"responsible_name" text DEFAULT '' NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"is_registration_open" boolean DEFAULT false NOT NULL,
	"capacity" integer,
	"registered_count" integer DEFAULT 0 NOT NULL,
	"press_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result_note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events__audience" CHECK ("events"."audience" in ('children','youth','adults','pensioners','families','all')),
	CONSTRAINT "events__place" CHECK ("events"."place" in ('in_library','outside','online')),
	CONSTRAINT "events__status" CHECK ("events"."status" in ('planned','held','cancelled')),
	CONSTRAINT "events__attendance" CHECK ("events"."attendance_children" >= 0 and "events"."attendance_youth" >= 0 and "events"."attendance_adults" >= 0 and ("events"."attendance_total" is null or ("events"."attendance_total" >= 0 and "events"."attendance_children" + "events"."attendance_youth" + "events"."attendance_adults" <= "events"."attendance_total"))),
	CONSTRAINT "events__held" CHECK ("events"."status" <> 'held' or ("events"."held_on" is not null and "events"."attendance_total" is not null)),
	CONSTRAINT "events__capacity" CHECK ("events"."capacity" is null or "events"."capacity" > 0),
	CONSTRAINT "events__registered" CHECK ("events"."registered_count" >= 0 and ("events"."capacity" is null or "events"."registered_count" <= "events"."capacity"))
);
--> statement-breakpoint
CREATE TABLE "memorable_dates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"month" integer,
	"day" integer,
	"length_days" integer DEFAULT 1 NOT NULL,
	"year" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memorable_dates__kind" CHECK ("memorable_dates"."kind" in ('date','theme')),
	CONSTRAINT "memorable_dates__when" CHECK (("memorable_dates"."kind" = 'date' and "memorable_dates"."month" between 1 and 12 and "memorable_dates"."day" between 1 and 31) or ("memorable_dates"."kind" = 'theme' and "memorable_dates"."year" is not null)),
	CONSTRAINT "memorable_dates__length" CHECK ("memorable_dates"."length_days" between 1 and 31)
);
--> statement-breakpoint
ALTER TABLE "event_exhibitions" ADD CONSTRAINT "event_exhibitions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_exhibitions" ADD CONSTRAINT "event_exhibitions_exhibition_id_events_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_forms" ADD CONSTRAINT "event_forms_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_photos" ADD CONSTRAINT "event_photos_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_records" ADD CONSTRAINT "event_records_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_records" ADD CONSTRAINT "event_records_record_id_bib_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."bib_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_form_id_event_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."event_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_responsible_staff_id_staff_users_id_fk" FOREIGN KEY ("responsible_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memorable_dates" ADD CONSTRAINT "memorable_dates_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_forms__network_code" ON "event_forms" USING btree ("network_id","code");--> statement-breakpoint
CREATE INDEX "event_registrations__event" ON "event_registrations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "events__library_date" ON "events" USING btree ("library_id","planned_on");--> statement-breakpoint
CREATE INDEX "events__network_date" ON "events" USING btree ("network_id","planned_on");--> statement-breakpoint
CREATE INDEX "events__held_on" ON "events" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "memorable_dates__network" ON "memorable_dates" USING btree ("network_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "memorable_dates__network_code" ON "memorable_dates" USING btree ("network_id","code") WHERE "memorable_dates"."code" <> '';