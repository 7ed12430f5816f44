-- Schema v10: abuse limits and one-time values that every bot process of a tenant must share
-- (src/db/rate-limiter-postgres.ts, src/db/form-nonces-postgres.ts): console login attempts,
-- receipt lookups, tips per day, the /tip form's posts, link-code guesses, and the /tip form's
-- one-time values. Who tried is kept only as a keyed hash (of a LINE user id or an address,
-- under the tenant's key); an attempt's row is deleted once it no longer counts, so a dump
-- shows at most the current window's hashes. A form's value is one use: the primary key makes
-- a second use through any process fail.

-- Up Migration

CREATE TABLE limit_hits (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  limiter text NOT NULL,
  who_hash text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX limit_hits_who ON limit_hits (tenant_id, limiter, who_hash, at);
CREATE INDEX limit_hits_at ON limit_hits (tenant_id, at);

CREATE TABLE form_nonces (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  form text NOT NULL,
  nonce_hash text NOT NULL,
  used_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, form, nonce_hash)
);
CREATE INDEX form_nonces_used ON form_nonces (tenant_id, used_at);

SELECT secure_tenant_table('limit_hits');
SELECT secure_tenant_table('form_nonces');

-- Down Migration

DROP TABLE form_nonces;
DROP TABLE limit_hits;
