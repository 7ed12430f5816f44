-- Schema v2: the tips of each tenant (src/db/tip-store-postgres.ts, behind src/tips/tip-store.ts).
-- What the reporter said, a confidential reporter's LINE user id, the staff's notes and the
-- outcome arrive sealed by the application (AES-256-GCM under the tenant's data key): the
-- columns named *_sealed and the "sealed" field of each note. Status, dates, channel and counts
-- stay in clear: deadlines, filters and statistics need them. Every table follows the
-- row-security pattern of schema v1 (tenant_id, policy on app.tenant, forced, role bot_tenant),
-- now applied by the function secure_tenant_table.

-- Up Migration

CREATE TABLE tips (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id ~ '^[a-z0-9]{12}$'),
  number text CHECK (number ~ '^\d{4}-\d{4,}$'),
  -- scrypt of the receipt; null once the content was deleted under the retention rule
  receipt_hash text,
  channel text NOT NULL CHECK (channel IN ('line', 'web')),
  identity text NOT NULL CHECK (identity IN ('anonymous', 'confidential')),
  status text NOT NULL CHECK (status IN ('received', 'assessing', 'investigating', 'referred', 'closed')),
  received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- the deadlines: acknowledged within 7 days, first feedback within 90
  acknowledged_at timestamptz,
  feedback_at timestamptz,
  closed_at timestamptz,
  purged_at timestamptz,
  content_sealed text,
  reporter_sealed text,
  outcome_sealed text,
  attachments jsonb NOT NULL DEFAULT '[]',
  attachment_count integer NOT NULL DEFAULT 0 CHECK (attachment_count >= 0),
  public_notes jsonb NOT NULL DEFAULT '[]',
  internal_notes jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, receipt_hash),
  UNIQUE (tenant_id, number)
);
CREATE INDEX tips_open_by_age ON tips (tenant_id, received_at) WHERE status <> 'closed';

CREATE TABLE tip_status_history (
  tenant_id text NOT NULL,
  tip_id text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  by text NOT NULL,
  PRIMARY KEY (tenant_id, tip_id, seq),
  FOREIGN KEY (tenant_id, tip_id) REFERENCES tips (tenant_id, id) ON DELETE CASCADE
);

-- The last tip number given in each fiscal year: one UPDATE hands the next out across processes.
CREATE TABLE tip_number_counters (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  fiscal_year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, fiscal_year)
);

-- Every tenant table from here on is secured by this one function: row security enabled and
-- forced, the tenant policy, no access for PUBLIC, the usual rights for bot_tenant.
CREATE FUNCTION secure_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format($p$CREATE POLICY tenant_isolation ON %s
    USING (tenant_id = current_setting('app.tenant', true))
    WITH CHECK (tenant_id = current_setting('app.tenant', true))$p$, t);
  EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO bot_tenant', t);
END
$$;
REVOKE ALL ON FUNCTION secure_tenant_table(regclass) FROM PUBLIC;

SELECT secure_tenant_table('tips');
SELECT secure_tenant_table('tip_status_history');
SELECT secure_tenant_table('tip_number_counters');

-- Down Migration

DROP TABLE tip_number_counters;
DROP TABLE tip_status_history;
DROP TABLE tips;
DROP FUNCTION secure_tenant_table(regclass);
