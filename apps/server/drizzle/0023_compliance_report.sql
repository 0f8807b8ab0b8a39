CREATE TABLE "report_refusal_days" (
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"campaign_id" uuid,
	"source" text,
	"refusals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_refusal_days_key" UNIQUE NULLS NOT DISTINCT("day","reason","agent_id","team_id","campaign_id","source")
);
--> statement-breakpoint
CREATE INDEX "report_call_facts_hour_idx" ON "report_call_facts" USING btree ("hour","call_id");--> statement-breakpoint
-- Refusals already in the audit log, counted in (their campaign was not recorded then).
INSERT INTO "report_refusal_days" ("day", "reason", "agent_id", "team_id", "campaign_id", "source", "refusals")
SELECT (a."at" AT TIME ZONE 'Asia/Kolkata')::date, coalesce(a."details"->>'reason', 'lead_invalid'),
  CASE WHEN a."actor_role" = 'telecaller' THEN a."actor_id" END, u."team_id", NULL::uuid, l."origin_source", count(*)::int
FROM "audit_log" a
LEFT JOIN "users" u ON a."actor_role" = 'telecaller' AND u."id" = a."actor_id"
LEFT JOIN "leads" l ON l."id"::text = a."entity_id"
WHERE a."action" = 'call.blocked'
GROUP BY 1, 2, 3, 4, 5, 6;
