-- Schema v6: publications and their delivery batches, shared by several bot processes
-- (src/db/publication-store-postgres.ts, src/db/delivery-batches-postgres.ts).
-- A publication is kept whole as JSON (it holds no personal data, as in the file store); its
-- status and time are columns so a due scheduled one is claimed by one process for a lease
-- (FOR UPDATE SKIP LOCKED) and taken over by another if that process dies before it starts. A delivery batch is one multicast request of at most 500
-- recipients: its retry key is made with the row and never changes, its recipients
-- (pseudonymous refs) are sealed under the tenant's key and removed once it is settled, and a
-- process claims it for a lease; a batch whose claimant died is claimed again after the lease
-- and sent with the same retry key, so LINE accepts it once.

-- Up Migration

CREATE TABLE publications (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id ~ '^pub-[a-z0-9-]{4,60}$'),
  status text NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled', 'failed')),
  publish_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  published_at timestamptz,
  record json NOT NULL,
  -- the process starting a due scheduled publication, until when (another takes over after)
  claimed_by text,
  claimed_until timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX publications_due ON publications (tenant_id, publish_at) WHERE status = 'scheduled';

CREATE TABLE delivery_batches (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  publication_id text NOT NULL,
  n integer NOT NULL CHECK (n >= 0),
  kind text NOT NULL CHECK (kind IN ('multicast', 'broadcast')),
  retry_key uuid NOT NULL,
  planned integer NOT NULL CHECK (planned >= 0),
  sent integer CHECK (sent >= 0),
  state text NOT NULL CHECK (state IN ('pending', 'accepted', 'failed', 'dropped')),
  -- sealed JSON list of friend refs; null for a broadcast and once the batch is settled
  recipients_sealed text,
  frozen_at timestamptz,
  ambiguous_since timestamptz,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_attempt_at timestamptz,
  request_id text,
  settled_at timestamptz,
  error json,
  claimed_by text,
  claimed_until timestamptz,
  PRIMARY KEY (tenant_id, publication_id, n),
  UNIQUE (tenant_id, retry_key),
  CONSTRAINT delivery_batches_recipients_until_settled CHECK (state = 'pending' OR recipients_sealed IS NULL)
);
CREATE INDEX delivery_batches_pending ON delivery_batches (tenant_id, claimed_until) WHERE state = 'pending';

SELECT secure_tenant_table('publications');
SELECT secure_tenant_table('delivery_batches');

-- Down Migration

DROP TABLE delivery_batches;
DROP TABLE publications;
