-- Schema v8: LINE's rate limits per channel, shared by every bot process
-- (src/db/line-limits-postgres.ts). One row per tenant and LINE endpoint holds the GCRA
-- "theoretical arrival time": when the next request would be due if none went early. A
-- process takes its next slots with one INSERT ... ON CONFLICT DO UPDATE ... RETURNING, so
-- the row lock orders the processes and their requests together stay within the limit.

-- Up Migration

CREATE TABLE line_rate_limits (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  endpoint text NOT NULL CHECK (endpoint IN ('reply', 'push', 'multicast', 'broadcast', 'loading')),
  tat timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, endpoint)
);

SELECT secure_tenant_table('line_rate_limits');

-- Down Migration

DROP TABLE line_rate_limits;
