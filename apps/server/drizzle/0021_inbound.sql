CREATE TABLE "inbound_calls" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"language" text NOT NULL,
	"new_lead" boolean DEFAULT false NOT NULL,
	"line" text NOT NULL,
	"state" text NOT NULL,
	"offered_to" uuid,
	"offer_expires_at" timestamp with time zone,
	"tried" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"agent_id" uuid,
	"missed_reason" text
);
--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "source" text DEFAULT 'wrap_up' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "inbound_hours" jsonb;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_offered_to_users_id_fk" FOREIGN KEY ("offered_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_calls_open_idx" ON "inbound_calls" USING btree ("arrived_at") WHERE "inbound_calls"."state" in ('waiting', 'offered', 'ringing_out');--> statement-breakpoint
CREATE INDEX "inbound_calls_arrived_idx" ON "inbound_calls" USING btree ("arrived_at");--> statement-breakpoint
CREATE INDEX "inbound_calls_lead_idx" ON "inbound_calls" USING btree ("lead_id");--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callbacks_team_due_idx" ON "callbacks" USING btree ("team_id","status","due_at");