CREATE TABLE "municipal_request_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"channel" text NOT NULL,
	"type" text NOT NULL,
	"topic" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"wanted_by" date,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"requester_id" uuid,
	"requester_name" text NOT NULL,
	"requester_position" text DEFAULT '' NOT NULL,
	"requester_contact" text DEFAULT '' NOT NULL,
	"assignee_id" uuid,
	"created_by" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_answered_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipal_requests__topic" CHECK (length(trim("municipal_requests"."topic")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sdi_deliveries" (
	"subscription_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"digest_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sdi_deliveries__pk" PRIMARY KEY("subscription_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "sdi_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"items" jsonb NOT NULL,
	"emailed_at" timestamp with time zone,
	"is_email_wanted" boolean DEFAULT false NOT NULL,
	"email_error" text DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sdi_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"network_id" uuid,
	"municipality_id" uuid,
	"topic" text NOT NULL,
	"query" jsonb NOT NULL,
	"frequency" text DEFAULT 'weekly' NOT NULL,
	"is_emailed" boolean DEFAULT true NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "municipal_request_messages" ADD CONSTRAINT "municipal_request_messages_request_id_municipal_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."municipal_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipal_request_messages" ADD CONSTRAINT "municipal_request_messages_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipal_requests" ADD CONSTRAINT "municipal_requests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipal_requests" ADD CONSTRAINT "municipal_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipal_requests" ADD CONSTRAINT "municipal_requests_requester_id_staff_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipal_requests" ADD CONSTRAINT "municipal_requests_assignee_id_staff_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipal_requests" ADD CONSTRAINT "municipal_requests_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_deliveries" ADD CONSTRAINT "sdi_deliveries_subscription_id_sdi_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."sdi_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_deliveries" ADD CONSTRAINT "sdi_deliveries_digest_id_sdi_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."sdi_digests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_digests" ADD CONSTRAINT "sdi_digests_subscription_id_sdi_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."sdi_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_digests" ADD CONSTRAINT "sdi_digests_owner_id_staff_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_subscriptions" ADD CONSTRAINT "sdi_subscriptions_owner_id_staff_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_subscriptions" ADD CONSTRAINT "sdi_subscriptions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdi_subscriptions" ADD CONSTRAINT "sdi_subscriptions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipal_request_messages__request" ON "municipal_request_messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "municipal_requests__network_number" ON "municipal_requests" USING btree ("network_id","number");--> statement-breakpoint
CREATE INDEX "municipal_requests__municipality" ON "municipal_requests" USING btree ("municipality_id","received_at");--> statement-breakpoint
CREATE INDEX "municipal_requests__status_due" ON "municipal_requests" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "municipal_requests__assignee" ON "municipal_requests" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "sdi_digests__owner" ON "sdi_digests" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "sdi_subscriptions__owner" ON "sdi_subscriptions" USING btree ("owner_id");