ALTER TABLE "import_rows" ADD COLUMN "new_lead_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "identity_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rows" ALTER COLUMN "new_lead_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "import_rows" ALTER COLUMN "identity_id" DROP DEFAULT;
