CREATE TABLE "coaching_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"assigned_by" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"baseline" real,
	"team_baseline" real,
	"baseline_calls" integer DEFAULT 0 NOT NULL,
	"measure_after_calls" integer DEFAULT 10 NOT NULL,
	"examples" jsonb DEFAULT '{"own":[],"best":[]}'::jsonb NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "call_scores" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid,
	"campaign_id" uuid,
	"call_at" timestamp with time zone,
	"scorecard_id" uuid NOT NULL,
	"scorecard_name" text NOT NULL,
	"scorecard_version" integer NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"auto_score" real,
	"score" real,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"scored_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"raised_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qa_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"campaign_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "coaching_items" ADD CONSTRAINT "coaching_items_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_items" ADD CONSTRAINT "coaching_items_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_scorecard_id_qa_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."qa_scorecards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scores" ADD CONSTRAINT "call_scores_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_disputes" ADD CONSTRAINT "qa_disputes_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_disputes" ADD CONSTRAINT "qa_disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_disputes" ADD CONSTRAINT "qa_disputes_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scorecards" ADD CONSTRAINT "qa_scorecards_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scorecards" ADD CONSTRAINT "qa_scorecards_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coaching_items_agent_idx" ON "coaching_items" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "coaching_items_open_idx" ON "coaching_items" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "call_scores_agent_idx" ON "call_scores" USING btree ("agent_id","call_at");--> statement-breakpoint
CREATE INDEX "call_scores_reviewed_idx" ON "call_scores" USING btree ("reviewed_at");--> statement-breakpoint
CREATE INDEX "call_scores_scorecard_idx" ON "call_scores" USING btree ("scorecard_id");--> statement-breakpoint
CREATE INDEX "qa_disputes_call_idx" ON "qa_disputes" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "qa_disputes_open_idx" ON "qa_disputes" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "qa_scorecards_campaign_idx" ON "qa_scorecards" USING btree ("campaign_id","active");