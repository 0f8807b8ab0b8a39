CREATE TABLE "followup_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"campaign_id" uuid,
	"trigger_kind" text NOT NULL,
	"trigger_values" text[] NOT NULL,
	"steps" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid,
	"rule_name" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"trigger_kind" text NOT NULL,
	"trigger_value" text NOT NULL,
	"trigger_key" text NOT NULL,
	"context" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"cancel_reason" text,
	"cancelled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "followup_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"variables" jsonb NOT NULL,
	"timing" jsonb NOT NULL,
	"callback_id" uuid,
	"callback_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"reason_code" text,
	"reason" text,
	"message_id" text,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "followup_rules" ADD CONSTRAINT "followup_rules_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_rules" ADD CONSTRAINT "followup_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_runs" ADD CONSTRAINT "followup_runs_rule_id_followup_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."followup_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_runs" ADD CONSTRAINT "followup_runs_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_runs" ADD CONSTRAINT "followup_runs_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_steps" ADD CONSTRAINT "followup_steps_run_id_followup_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."followup_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "followup_runs_once_idx" ON "followup_runs" USING btree ("rule_id","lead_id","trigger_key");--> statement-breakpoint
CREATE INDEX "followup_runs_lead_idx" ON "followup_runs" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "followup_runs_status_idx" ON "followup_runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "followup_steps_due_idx" ON "followup_steps" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "followup_steps_run_idx" ON "followup_steps" USING btree ("run_id","position");