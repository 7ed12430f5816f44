-- Schema v4: console accounts and console sessions of each tenant
-- (src/db/account-store-postgres.ts, src/db/session-store-postgres.ts). Passwords are scrypt
-- hashes, never passwords. A session is found by the SHA-256 of its cookie value, so no live
-- cookie is stored; its CSRF token is an HMAC of the cookie value, so none is stored either.
-- Sessions in the database work across processes: a login on one serves requests on another.

-- Up Migration

CREATE TABLE staff_accounts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
  role text NOT NULL,
  password_hash text NOT NULL,
  must_change boolean NOT NULL,
  generation integer NOT NULL CHECK (generation >= 0),
  disabled boolean NOT NULL,
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  last_login_at timestamptz,
  failures integer NOT NULL CHECK (failures >= 0),
  locked_until timestamptz,
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE console_sessions (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id_hash text NOT NULL,
  -- null: a visitor on the login page (who still needs a CSRF token)
  name text,
  generation integer NOT NULL,
  created_at timestamptz NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id_hash)
);
CREATE INDEX console_sessions_by_account ON console_sessions (tenant_id, name);

SELECT secure_tenant_table('staff_accounts');
SELECT secure_tenant_table('console_sessions');

-- Down Migration

DROP TABLE console_sessions;
DROP TABLE staff_accounts;
