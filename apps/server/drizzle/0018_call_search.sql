CREATE TABLE "call_search" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid,
	"campaign_id" uuid,
	"lead_id" uuid NOT NULL,
	"answered_at" timestamp with time zone,
	"outcome" text,
	"words" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_search" ADD CONSTRAINT "call_search_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_search_words_fts_idx" ON "call_search" USING gin (to_tsvector('simple', "words"));--> statement-breakpoint
CREATE INDEX "call_search_words_trgm_idx" ON "call_search" USING gin ("words" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "call_search_agent_idx" ON "call_search" USING btree ("agent_id","answered_at");--> statement-breakpoint
CREATE INDEX "call_search_answered_idx" ON "call_search" USING btree ("answered_at");