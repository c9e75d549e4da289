CREATE TABLE "reader_loan_counts" (
	"reader_id" uuid PRIMARY KEY NOT NULL,
	"open_loans" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reader_loan_counts__open_loans" CHECK ("reader_loan_counts"."open_loans" >= 0)
);
--> statement-breakpoint
ALTER TABLE "reader_loan_counts" ADD CONSTRAINT "reader_loan_counts_reader_id_readers_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."readers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Open loans per reader follow every change to loans in the same transaction (lending, return, undo,
-- a loan moved to another reader), whichever code makes it.
CREATE OR REPLACE FUNCTION kp_reader_loan_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.returned_at IS NULL THEN
      UPDATE reader_loan_counts SET open_loans = open_loans - 1 WHERE reader_id = OLD.reader_id;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.returned_at IS NULL THEN
      INSERT INTO reader_loan_counts (reader_id, open_loans) VALUES (NEW.reader_id, 1)
      ON CONFLICT (reader_id) DO UPDATE SET open_loans = reader_loan_counts.open_loans + 1;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER loans__reader_count_insert AFTER INSERT ON loans
  FOR EACH ROW WHEN (NEW.returned_at IS NULL) EXECUTE FUNCTION kp_reader_loan_counts();
--> statement-breakpoint
CREATE TRIGGER loans__reader_count_update AFTER UPDATE OF returned_at, reader_id ON loans
  FOR EACH ROW WHEN ((OLD.returned_at IS NULL) <> (NEW.returned_at IS NULL)
    OR (NEW.returned_at IS NULL AND OLD.reader_id <> NEW.reader_id)) EXECUTE FUNCTION kp_reader_loan_counts();
--> statement-breakpoint
CREATE TRIGGER loans__reader_count_delete AFTER DELETE ON loans
  FOR EACH ROW WHEN (OLD.returned_at IS NULL) EXECUTE FUNCTION kp_reader_loan_counts();
--> statement-breakpoint
-- Loans made before this migration.
INSERT INTO reader_loan_counts (reader_id, open_loans)
SELECT reader_id, count(*)::int FROM loans WHERE returned_at IS NULL GROUP BY reader_id;
