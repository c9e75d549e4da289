CREATE TABLE "seminar_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seminar_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"text" text NOT NULL,
	"responsible" text NOT NULL,
	"responsible_staff_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminar_decisions__status" CHECK ("seminar_decisions"."status" in ('open','done')),
	CONSTRAINT "seminar_decisions__done" CHECK (("seminar_decisions"."status" = 'done') = ("seminar_decisions"."done_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "seminar_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seminar_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"staff_user_id" uuid,
	"full_name" text NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"is_speaker" boolean DEFAULT false NOT NULL,
	"has_attended" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "seminar_participants__kind" CHECK ("seminar_participants"."kind" in ('staff','guest'))
);
--> statement-breakpoint
CREATE TABLE "seminars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"host_library_id" uuid NOT NULL,
	"protocol_number" text DEFAULT '' NOT NULL,
	"theme" text NOT NULL,
	"held_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"protocol" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminars__status" CHECK ("seminars"."status" in ('planned','held','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "seminar_decisions" ADD CONSTRAINT "seminar_decisions_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_decisions" ADD CONSTRAINT "seminar_decisions_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_decisions" ADD CONSTRAINT "seminar_decisions_responsible_staff_id_staff_users_id_fk" FOREIGN KEY ("responsible_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_host_library_id_libraries_id_fk" FOREIGN KEY ("host_library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seminar_decisions__seminar" ON "seminar_decisions" USING btree ("seminar_id");--> statement-breakpoint
CREATE INDEX "seminar_decisions__open" ON "seminar_decisions" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "seminar_participants__seminar" ON "seminar_participants" USING btree ("seminar_id");--> statement-breakpoint
CREATE INDEX "seminars__network_date" ON "seminars" USING btree ("network_id","held_on");--> statement-breakpoint
CREATE INDEX "seminars__host" ON "seminars" USING btree ("host_library_id");