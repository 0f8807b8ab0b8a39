ALTER TABLE "calls" ADD COLUMN "sub_disposition" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "wrap_up_answer" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "draft_note" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "draft_note_at" timestamp with time zone;