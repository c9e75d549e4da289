CREATE TABLE "event_partners" (
	"event_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	CONSTRAINT "event_partners__pk" PRIMARY KEY("event_id","partner_id")
);
--> statement-breakpoint
ALTER TABLE "event_partners" ADD CONSTRAINT "event_partners_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_partners" ADD CONSTRAINT "event_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_partners__partner" ON "event_partners" USING btree ("partner_id");