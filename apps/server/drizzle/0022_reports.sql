CREATE TABLE "report_call_days" (
	"day" date NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"campaign_id" uuid,
	"source" text,
	"direction" text,
	"dials" integer DEFAULT 0 NOT NULL,
	"connects" integer DEFAULT 0 NOT NULL,
	"machine" integer DEFAULT 0 NOT NULL,
	"abandons" integer DEFAULT 0 NOT NULL,
	"talk_seconds" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handle_seconds" integer DEFAULT 0 NOT NULL,
	"wrap_seconds" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"recorded" integer DEFAULT 0 NOT NULL,
	"noticed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_call_days_key" UNIQUE NULLS NOT DISTINCT("day","agent_id","team_id","campaign_id","source","direction")
);
--> statement-breakpoint
CREATE TABLE "report_call_facts" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"lead_id" uuid,
	"day" date,
	"hour" timestamp with time zone,
	"local_dow" smallint,
	"local_hour" smallint,
	"agent_id" uuid,
	"team_id" uuid,
	"campaign_id" uuid,
	"source" text,
	"direction" text,
	"dials" integer DEFAULT 0 NOT NULL,
	"connects" integer DEFAULT 0 NOT NULL,
	"machine" integer DEFAULT 0 NOT NULL,
	"abandons" integer DEFAULT 0 NOT NULL,
	"talk_seconds" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handle_seconds" integer DEFAULT 0 NOT NULL,
	"wrap_seconds" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"recorded" integer DEFAULT 0 NOT NULL,
	"noticed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_call_hours" (
	"hour" timestamp with time zone NOT NULL,
	"local_dow" smallint,
	"local_hour" smallint,
	"agent_id" uuid,
	"team_id" uuid,
	"campaign_id" uuid,
	"source" text,
	"direction" text,
	"dials" integer DEFAULT 0 NOT NULL,
	"connects" integer DEFAULT 0 NOT NULL,
	"machine" integer DEFAULT 0 NOT NULL,
	"abandons" integer DEFAULT 0 NOT NULL,
	"talk_seconds" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handle_seconds" integer DEFAULT 0 NOT NULL,
	"wrap_seconds" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"recorded" integer DEFAULT 0 NOT NULL,
	"noticed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_call_hours_key" UNIQUE NULLS NOT DISTINCT("hour","agent_id","team_id","campaign_id","source","direction","local_dow","local_hour")
);
--> statement-breakpoint
CREATE TABLE "report_call_week_hours" (
	"day" date NOT NULL,
	"local_dow" smallint,
	"local_hour" smallint,
	"team_id" uuid,
	"campaign_id" uuid,
	"source" text,
	"direction" text,
	"dials" integer DEFAULT 0 NOT NULL,
	"connects" integer DEFAULT 0 NOT NULL,
	"machine" integer DEFAULT 0 NOT NULL,
	"abandons" integer DEFAULT 0 NOT NULL,
	"talk_seconds" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handle_seconds" integer DEFAULT 0 NOT NULL,
	"wrap_seconds" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"recorded" integer DEFAULT 0 NOT NULL,
	"noticed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_call_week_hours_key" UNIQUE NULLS NOT DISTINCT("day","local_dow","local_hour","team_id","campaign_id","source","direction")
);
--> statement-breakpoint
CREATE TABLE "report_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"query" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"total_rows" integer,
	"file_key" text,
	"bytes" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_lead_days" (
	"day" date NOT NULL,
	"source" text,
	"team_id" uuid,
	"owner_id" uuid,
	"campaign_id" uuid,
	"created" integer DEFAULT 0 NOT NULL,
	"contacted" integer DEFAULT 0 NOT NULL,
	"interested" integer DEFAULT 0 NOT NULL,
	"converted" integer DEFAULT 0 NOT NULL,
	"not_interested" integer DEFAULT 0 NOT NULL,
	"lost" integer DEFAULT 0 NOT NULL,
	"invalid" integer DEFAULT 0 NOT NULL,
	"contacted_seconds" integer DEFAULT 0 NOT NULL,
	"interested_seconds" integer DEFAULT 0 NOT NULL,
	"converted_seconds" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_lead_days_key" UNIQUE NULLS NOT DISTINCT("day","source","team_id","owner_id","campaign_id")
);
--> statement-breakpoint
CREATE TABLE "report_lead_facts" (
	"lead_id" uuid PRIMARY KEY NOT NULL,
	"day" date,
	"source" text,
	"team_id" uuid,
	"owner_id" uuid,
	"campaign_id" uuid,
	"created" integer DEFAULT 0 NOT NULL,
	"contacted" integer DEFAULT 0 NOT NULL,
	"interested" integer DEFAULT 0 NOT NULL,
	"converted" integer DEFAULT 0 NOT NULL,
	"not_interested" integer DEFAULT 0 NOT NULL,
	"lost" integer DEFAULT 0 NOT NULL,
	"invalid" integer DEFAULT 0 NOT NULL,
	"contacted_seconds" integer DEFAULT 0 NOT NULL,
	"interested_seconds" integer DEFAULT 0 NOT NULL,
	"converted_seconds" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"name" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"frequency" text NOT NULL,
	"weekday" smallint,
	"hour" smallint NOT NULL,
	"email" text NOT NULL,
	"lang" text DEFAULT 'en' NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "cost" numeric(14, 2);--> statement-breakpoint
CREATE INDEX "report_call_days_agent_idx" ON "report_call_days" USING btree ("agent_id","day");--> statement-breakpoint
CREATE INDEX "report_call_days_campaign_idx" ON "report_call_days" USING btree ("campaign_id","day");--> statement-breakpoint
CREATE INDEX "report_call_facts_day_idx" ON "report_call_facts" USING btree ("day");--> statement-breakpoint
CREATE INDEX "report_call_facts_agent_idx" ON "report_call_facts" USING btree ("agent_id","day");--> statement-breakpoint
CREATE INDEX "report_call_facts_campaign_idx" ON "report_call_facts" USING btree ("campaign_id","day");--> statement-breakpoint
CREATE INDEX "report_call_hours_agent_idx" ON "report_call_hours" USING btree ("agent_id","hour");--> statement-breakpoint
CREATE INDEX "report_exports_user_idx" ON "report_exports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "report_lead_facts_day_idx" ON "report_lead_facts" USING btree ("day");--> statement-breakpoint
CREATE INDEX "report_subscriptions_due_idx" ON "report_subscriptions" USING btree ("next_run_at");--> statement-breakpoint
CREATE INDEX "report_subscriptions_user_idx" ON "report_subscriptions" USING btree ("user_id");