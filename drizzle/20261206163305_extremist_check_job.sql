ALTER TABLE "extremist_checks" DROP CONSTRAINT "extremist_checks__status";--> statement-breakpoint
ALTER TABLE "extremist_checks" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "extremist_matches" ADD COLUMN "copies_affected" integer;--> statement-breakpoint
ALTER TABLE "extremist_checks" ADD CONSTRAINT "extremist_checks_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extremist_checks" ADD CONSTRAINT "extremist_checks__status" CHECK ("extremist_checks"."status" in ('matching', 'open', 'closed', 'failed'));