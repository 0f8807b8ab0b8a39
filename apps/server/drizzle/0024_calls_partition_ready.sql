-- Time-ordered call ids (UUID version 7): the first 48 bits are the creation instant in
-- milliseconds, so calls can be partitioned by month on the key every foreign key points at.
CREATE OR REPLACE FUNCTION telehub_uuid_v7() RETURNS uuid AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$ LANGUAGE sql VOLATILE;
--> statement-breakpoint
ALTER TABLE "calls" ALTER COLUMN "id" SET DEFAULT telehub_uuid_v7();--> statement-breakpoint
CREATE TABLE "call_provider_keys" (
	"provider" text NOT NULL,
	"provider_call_id" text NOT NULL,
	"call_id" uuid NOT NULL,
	CONSTRAINT "call_provider_keys_provider_provider_call_id_pk" PRIMARY KEY("provider","provider_call_id")
);
--> statement-breakpoint
ALTER TABLE "call_provider_keys" ADD CONSTRAINT "call_provider_keys_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_provider_keys_call_idx" ON "call_provider_keys" USING btree ("call_id");--> statement-breakpoint
INSERT INTO "call_provider_keys" ("provider", "provider_call_id", "call_id")
SELECT "provider", "provider_call_id", "id" FROM "calls" WHERE "provider_call_id" IS NOT NULL;
--> statement-breakpoint
-- The provider's call id stays unique across every partition: the key row is written with the call.
CREATE OR REPLACE FUNCTION telehub_call_provider_key() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.provider_call_id IS NOT NULL
     AND (NEW.provider_call_id IS DISTINCT FROM OLD.provider_call_id OR NEW.provider IS DISTINCT FROM OLD.provider) THEN
    DELETE FROM call_provider_keys WHERE provider = OLD.provider AND provider_call_id = OLD.provider_call_id AND call_id = OLD.id;
  END IF;
  IF NEW.provider_call_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.provider_call_id IS DISTINCT FROM OLD.provider_call_id OR NEW.provider IS DISTINCT FROM OLD.provider) THEN
    INSERT INTO call_provider_keys (provider, provider_call_id, call_id) VALUES (NEW.provider, NEW.provider_call_id, NEW.id);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER "calls_provider_key" AFTER INSERT OR UPDATE OF "provider", "provider_call_id" ON "calls"
FOR EACH ROW EXECUTE FUNCTION telehub_call_provider_key();
--> statement-breakpoint
DROP INDEX "calls_provider_call_key";--> statement-breakpoint
CREATE INDEX "calls_provider_call_idx" ON "calls" USING btree ("provider","provider_call_id");
