CREATE TABLE "sru_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"database" text DEFAULT '' NOT NULL,
	"record_schema" text DEFAULT 'marcxml' NOT NULL,
	"version" text DEFAULT '1.2' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sru_servers__record_schema" CHECK ("sru_servers"."record_schema" in ('marcxml', 'rusmarc')),
	CONSTRAINT "sru_servers__version" CHECK ("sru_servers"."version" in ('1.1', '1.2', '2.0'))
);
--> statement-breakpoint
ALTER TABLE "sru_servers" ADD CONSTRAINT "sru_servers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sru_servers__network" ON "sru_servers" USING btree ("network_id");