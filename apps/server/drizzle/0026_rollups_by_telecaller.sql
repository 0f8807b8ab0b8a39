CREATE TABLE "agent_presence_days" (
	"day" date NOT NULL,
	"user_id" uuid NOT NULL,
	"state" text NOT NULL,
	"seconds" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "agent_presence_days_user_id_day_state_pk" PRIMARY KEY("user_id","day","state")
);
--> statement-breakpoint
CREATE TABLE "qa_score_days" (
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "qa_score_days_agent_id_day_pk" PRIMARY KEY("agent_id","day")
);
--> statement-breakpoint
CREATE TABLE "report_call_agent_days" (
	"day" date NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"dials" integer DEFAULT 0 NOT NULL,
	"connects" integer DEFAULT 0 NOT NULL,
	"machine" integer DEFAULT 0 NOT NULL,
	"abandons" integer DEFAULT 0 NOT NULL,
	"talk_seconds" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handle_seconds" integer DEFAULT 0 NOT NULL,
	"wrap_seconds" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"recorded" integer DEFAULT 0 NOT NULL,
	"noticed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_call_agent_days_key" UNIQUE NULLS NOT DISTINCT("day","agent_id","team_id")
);
--> statement-breakpoint
CREATE INDEX "report_call_agent_days_agent_idx" ON "report_call_agent_days" USING btree ("agent_id","day");--> statement-breakpoint
CREATE INDEX "agent_presence_log_open_idx" ON "agent_presence_log" USING btree ("user_id") WHERE ended_at is null;--> statement-breakpoint
-- Presence by day: each log row, as it closes, adds its seconds to the days it spans in the
-- organisation's zone (ORG_TIME_ZONE in services.ts), split at midnight.
CREATE OR REPLACE FUNCTION telehub_presence_days() RETURNS trigger AS $$
BEGIN
  IF NEW.ended_at IS NULL OR NEW.ended_at <= NEW.started_at OR (TG_OP = 'UPDATE' AND OLD.ended_at IS NOT NULL) THEN
    RETURN NULL;
  END IF;
  INSERT INTO agent_presence_days (day, user_id, state, seconds)
  SELECT d::date, NEW.user_id, NEW.state,
    extract(epoch from least(NEW.ended_at, (d + interval '1 day') AT TIME ZONE 'Asia/Kolkata') - greatest(NEW.started_at, d AT TIME ZONE 'Asia/Kolkata'))
  FROM generate_series(date_trunc('day', NEW.started_at AT TIME ZONE 'Asia/Kolkata'), date_trunc('day', NEW.ended_at AT TIME ZONE 'Asia/Kolkata'), interval '1 day') AS d
  ON CONFLICT (user_id, day, state) DO UPDATE SET seconds = agent_presence_days.seconds + excluded.seconds;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agent_presence_days_trg AFTER INSERT OR UPDATE OF ended_at ON agent_presence_log
  FOR EACH ROW EXECUTE FUNCTION telehub_presence_days();
--> statement-breakpoint
INSERT INTO agent_presence_days (day, user_id, state, seconds)
SELECT d::date, l.user_id, l.state,
  sum(extract(epoch from least(l.ended_at, (d + interval '1 day') AT TIME ZONE 'Asia/Kolkata') - greatest(l.started_at, d AT TIME ZONE 'Asia/Kolkata')))
FROM agent_presence_log l
CROSS JOIN LATERAL generate_series(date_trunc('day', l.started_at AT TIME ZONE 'Asia/Kolkata'), date_trunc('day', l.ended_at AT TIME ZONE 'Asia/Kolkata'), interval '1 day') AS d
WHERE l.ended_at IS NOT NULL AND l.ended_at > l.started_at
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- QA scores by agent and day of the call: every insert, rescore, review, reassignment and
-- deletion (a call's cascade too) moves the sums.
CREATE OR REPLACE FUNCTION telehub_qa_score_days() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.agent_id IS NOT DISTINCT FROM NEW.agent_id AND OLD.call_at IS NOT DISTINCT FROM NEW.call_at
     AND OLD.score IS NOT DISTINCT FROM NEW.score THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.agent_id IS NOT NULL AND OLD.call_at IS NOT NULL AND OLD.score IS NOT NULL THEN
    INSERT INTO qa_score_days (day, agent_id, scored, score_sum)
    VALUES ((OLD.call_at AT TIME ZONE 'Asia/Kolkata')::date, OLD.agent_id, -1, -OLD.score)
    ON CONFLICT (agent_id, day) DO UPDATE SET scored = qa_score_days.scored + excluded.scored, score_sum = qa_score_days.score_sum + excluded.score_sum;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.agent_id IS NOT NULL AND NEW.call_at IS NOT NULL AND NEW.score IS NOT NULL THEN
    INSERT INTO qa_score_days (day, agent_id, scored, score_sum)
    VALUES ((NEW.call_at AT TIME ZONE 'Asia/Kolkata')::date, NEW.agent_id, 1, NEW.score)
    ON CONFLICT (agent_id, day) DO UPDATE SET scored = qa_score_days.scored + excluded.scored, score_sum = qa_score_days.score_sum + excluded.score_sum;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER qa_score_days_trg AFTER INSERT OR UPDATE OR DELETE ON call_scores
  FOR EACH ROW EXECUTE FUNCTION telehub_qa_score_days();
--> statement-breakpoint
INSERT INTO qa_score_days (day, agent_id, scored, score_sum)
SELECT (call_at AT TIME ZONE 'Asia/Kolkata')::date, agent_id, count(*), sum(score)
FROM call_scores WHERE agent_id IS NOT NULL AND call_at IS NOT NULL AND score IS NOT NULL
GROUP BY 1, 2;
--> statement-breakpoint
-- Calls by telecaller and day, from the facts already counted.
INSERT INTO report_call_agent_days (day, agent_id, team_id, dials, connects, machine, abandons, talk_seconds, handled, handle_seconds, wrap_seconds, conversions, recorded, noticed)
SELECT day, agent_id, team_id, sum(dials), sum(connects), sum(machine), sum(abandons), sum(talk_seconds), sum(handled), sum(handle_seconds),
  sum(wrap_seconds), sum(conversions), sum(recorded), sum(noticed)
FROM report_call_facts WHERE day IS NOT NULL
GROUP BY day, agent_id, team_id;
