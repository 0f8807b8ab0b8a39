CREATE TABLE "call_nodes" (
	"node_id" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "held_by" text;--> statement-breakpoint
-- Simulator calls still live from before nodes were recorded: the process that ran them is gone
-- (an upgrade restarts it), so they are held by a node that never beats and end on the next start.
UPDATE "calls" SET "held_by" = 'before-call-nodes' WHERE "provider" = 'simulator' AND "status" IN ('queued', 'dialing', 'ringing', 'in_progress');
