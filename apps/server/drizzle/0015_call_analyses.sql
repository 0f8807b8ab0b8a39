CREATE TABLE "call_analyses" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"result" jsonb,
	"error" text,
	"runs" integer DEFAULT 0 NOT NULL,
	"analyzed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_analyses" ADD CONSTRAINT "call_analyses_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;