CREATE TABLE "report_refusals_counted" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_refusals_counted_at_idx" ON "report_refusals_counted" USING btree ("created_at");