ALTER TABLE "leads" ADD COLUMN "origin_source" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "origin_external_id" text;--> statement-breakpoint
UPDATE "leads" AS l SET "origin_source" = i."source", "origin_external_id" = i."external_id"
FROM (SELECT DISTINCT ON ("lead_id") "lead_id", "source", "external_id" FROM "lead_identities" ORDER BY "lead_id", "created_at") AS i
WHERE i."lead_id" = l."id";
