-- Schema v3: the staff audit trail of each tenant (src/db/audit-trail-postgres.ts). Entries are
-- chained with an HMAC under the tenant's audit subkey, as in the file trail; audit_heads keeps
-- the newest entry's number and MAC, signed, so entries removed at the end show. Appends from
-- any process take a per-tenant advisory lock, so the chain never forks. No tip content here.

-- Up Migration

CREATE TABLE audit_entries (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  -- json, not jsonb: the MAC covers the details as written, key order included
  details json,
  prev text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_entries_by_target ON audit_entries (tenant_id, target, seq);

CREATE TABLE audit_heads (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  hash text NOT NULL,
  mac text NOT NULL
);

SELECT secure_tenant_table('audit_entries');
SELECT secure_tenant_table('audit_heads');

-- Down Migration

DROP TABLE audit_heads;
DROP TABLE audit_entries;
