ALTER TABLE "campaign_members" ALTER COLUMN "status" SET DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE "agent_presence" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_presence_log" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "answered_by" text;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "outcomes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "last_outcome" text;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "leased_by" text;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "leased_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "callback" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "abandoned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "origin" text DEFAULT 'list' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "dial_mode" text DEFAULT 'preview' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "ratio" real DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "max_abandon_rate" real DEFAULT 0.03 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "team_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "agent_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "segment_on" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "retry" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "script" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "dispositions" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "wrap_up_seconds" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "segment_refreshed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "calls_campaign_idx" ON "calls" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "campaign_members_due_idx" ON "campaign_members" USING btree ("campaign_id","status","next_attempt_at");--> statement-breakpoint
-- Queue rows from before the dialer were 'queued'; archived campaigns were inactive ones.
UPDATE "campaign_members" SET "status" = 'pending' WHERE "status" = 'queued';--> statement-breakpoint
UPDATE "campaigns" SET "status" = 'archived' WHERE "active" = false;
