ALTER TABLE "leads" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_lead_idx" ON "outbox" USING btree ("lead_id");--> statement-breakpoint
-- Messages queued before the column existed: their lead is the one the CRM id belongs to.
UPDATE "outbox" o SET "lead_id" = li."lead_id" FROM "lead_identities" li WHERE o."lead_id" IS NULL AND li."source" = 'laravel' AND li."external_id" = o."payload"->>'lead_id';--> statement-breakpoint
UPDATE "outbox" o SET "lead_id" = l."id" FROM "leads" l WHERE o."lead_id" IS NULL AND l."origin_source" = 'laravel' AND l."origin_external_id" = o."payload"->>'lead_id';
