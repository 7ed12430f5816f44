-- The service administrator's wrong-token brake (src/service/admin-api.ts),
-- shared by every process of the service. It belongs to the service, not to a municipality:
-- it has no tenant_id and no row-level security, and bot_tenant (the role every municipality's
-- work runs as) is granted nothing on it, so no tenant's code can read or reset it. Who tried
-- is a keyed hash of the client's address (under a subkey of SERVICE_KEY); an attempt's row is
-- deleted once it no longer counts.

-- Up Migration

CREATE TABLE service_limit_hits (
  limiter text NOT NULL,
  who_hash text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX service_limit_hits_who ON service_limit_hits (limiter, who_hash, at);
REVOKE ALL ON service_limit_hits FROM PUBLIC;

-- Down Migration

DROP TABLE service_limit_hits;
