-- Schema v5: the webhook inbox shared by several bot processes (src/db/inbox-postgres.ts), on
-- the inbox_events table of schema v1. An event is inserted once per (tenant, webhook event
-- id) before the webhook answers; the process that inserted it holds a claim on it for a
-- while; events whose claim ran out (their process died) are claimed again with
-- FOR UPDATE SKIP LOCKED, so each goes to one process. A handled event loses its sealed payload
-- at once and its id is kept a day, to recognise LINE's redeliveries.

-- Up Migration

ALTER TABLE inbox_events
  ALTER COLUMN payload_sealed DROP NOT NULL,
  ADD COLUMN replied boolean NOT NULL DEFAULT false,
  ADD COLUMN done_at timestamptz,
  ADD COLUMN claimed_by text,
  ADD COLUMN claimed_until timestamptz,
  ADD CONSTRAINT inbox_events_payload_until_done CHECK ((done_at IS NULL) = (payload_sealed IS NOT NULL));
CREATE INDEX inbox_events_waiting ON inbox_events (tenant_id, received_at) WHERE done_at IS NULL;
CREATE INDEX inbox_events_done ON inbox_events (tenant_id, done_at) WHERE done_at IS NOT NULL;

-- Down Migration

DROP INDEX inbox_events_done;
DROP INDEX inbox_events_waiting;
DELETE FROM inbox_events WHERE payload_sealed IS NULL;
ALTER TABLE inbox_events
  DROP CONSTRAINT inbox_events_payload_until_done,
  DROP COLUMN claimed_until,
  DROP COLUMN claimed_by,
  DROP COLUMN done_at,
  DROP COLUMN replied,
  ALTER COLUMN payload_sealed SET NOT NULL;
