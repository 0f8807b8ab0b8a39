CREATE TABLE "job_ledger" (
	"job_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"run_after" timestamp with time zone NOT NULL,
	"pushed_at" timestamp with time zone,
	"pushes" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "job_ledger_due_idx" ON "job_ledger" USING btree ("pushed_at","run_after");