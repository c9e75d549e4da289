CREATE TABLE "contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" numeric(14, 2) NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer,
	"received_on" date NOT NULL,
	"purpose" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"event_id" uuid,
	"seminar_id" uuid,
	"grant_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contributions__value" CHECK ("contributions"."value" >= 0),
	CONSTRAINT "contributions__quantity" CHECK ("contributions"."quantity" is null or "contributions"."quantity" >= 0),
	CONSTRAINT "contributions__kind" CHECK ("contributions"."kind" in ('money','books','subscriptions','furniture','equipment','repairs','labour','other')),
	CONSTRAINT "contributions__currency" CHECK ("contributions"."currency" in ('KGS','RUB'))
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"library_id" uuid,
	"partner_id" uuid,
	"title" text NOT NULL,
	"programme" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"requested_amount" numeric(14, 2),
	"awarded_amount" numeric(14, 2),
	"currency" text NOT NULL,
	"submitted_on" date,
	"decided_on" date,
	"report_due" date,
	"reported_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants__amounts" CHECK (coalesce("grants"."requested_amount", 0) >= 0 and coalesce("grants"."awarded_amount", 0) >= 0),
	CONSTRAINT "grants__status" CHECK ("grants"."status" in ('planned','submitted','won','lost','reported')),
	CONSTRAINT "grants__currency" CHECK ("grants"."currency" in ('KGS','RUB'))
);
--> statement-breakpoint
CREATE TABLE "partner_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"library_id" uuid,
	"number" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"signed_on" date NOT NULL,
	"valid_until" date,
	"file_sha256" text,
	"file_name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_agreements__dates" CHECK ("partner_agreements"."valid_until" is null or "partner_agreements"."valid_until" >= "partner_agreements"."signed_on")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"municipality_id" uuid,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners__kind" CHECK ("partners"."kind" in ('municipal','ngo','donor','consulate','party','business','school','culture_house','media','other'))
);
--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_library_id_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_file_sha256_stored_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributions__library_date" ON "contributions" USING btree ("library_id","received_on");--> statement-breakpoint
CREATE INDEX "contributions__partner" ON "contributions" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "contributions__seminar" ON "contributions" USING btree ("seminar_id");--> statement-breakpoint
CREATE INDEX "contributions__event" ON "contributions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "grants__network" ON "grants" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "partner_agreements__partner" ON "partner_agreements" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partners__network_name" ON "partners" USING btree ("network_id","name");