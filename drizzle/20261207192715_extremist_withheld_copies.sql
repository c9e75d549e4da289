ALTER TABLE "items" ADD COLUMN "withheld_by" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_withheld_by_extremist_matches_id_fk" FOREIGN KEY ("withheld_by") REFERENCES "public"."extremist_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "items" AS i SET "withheld_by" = m.id
FROM "extremist_matches" AS m
JOIN "extremist_checks" AS c ON c.id = m.check_id
JOIN "extremist_entries" AS e ON e.id = m.entry_id
WHERE m.decision = 'confirmed' AND m.action = 'flag'
  AND m.record_id = i.record_id AND c.network_id = i.network_id
  AND i.status <> 'written_off'
  AND (i.id = ANY (m.item_ids)
    OR strpos(i.notes, 'ФСЭМ № ' || e.number || ', сверка от ' || to_char(c.checked_on, 'DD.MM.YYYY') || ': не выдавать') > 0);
