ALTER TABLE "reader_categories" ADD COLUMN "name_ky" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "reader_categories" ADD COLUMN "name_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "reader_account_settings" ADD COLUMN "history_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reader_account_settings" ADD COLUMN "language" text;--> statement-breakpoint
UPDATE "reader_account_settings" SET "history_since" = "updated_at" WHERE "is_history_shown";--> statement-breakpoint
UPDATE "reader_categories" SET "name_ky" = v.ky, "name_en" = v.en
FROM (VALUES ('schoolchild', 'Окуучу', 'Schoolchild'), ('student', 'Студент', 'Student'), ('teacher', 'Мугалим', 'Teacher'),
  ('pensioner', 'Пенсионер', 'Pensioner'), ('farmer', 'Фермер', 'Farmer'), ('municipal', 'Муниципалдык адис', 'Municipal specialist'),
  ('other', 'Башка', 'Other')) AS v(code, ky, en)
WHERE "reader_categories"."code" = v.code AND "reader_categories"."name_ky" = '' AND "reader_categories"."name_en" = '';
