-- Schema v1 of the shared service: the tenants (municipalities) and the row-level-security
-- pattern every tenant-scoped table follows (see src/db/with-tenant.ts):
--   * the table has tenant_id and a policy tenant_id = current_setting('app.tenant');
--   * tenant-scoped work runs as the role bot_tenant (SET LOCAL ROLE), which owns nothing,
--     bypasses nothing and cannot see the tenants table with its sealed secrets;
--   * FORCE ROW LEVEL SECURITY holds the owner to the policy as well.
-- Secrets are sealed by the application (AES-256-GCM under SERVICE_KEY) before they get here.

-- Up Migration

-- Roles belong to the whole cluster: another database of it may have made this one already.
-- Without CREATEROLE, a database administrator creates bot_tenant and grants it to this user.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bot_tenant') THEN
    BEGIN
      CREATE ROLE bot_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'bot_tenant', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT bot_tenant TO %I', current_user);
    EXCEPTION WHEN unique_violation OR insufficient_privilege THEN NULL; -- checked just below
    END;
  END IF;
  -- withTenant switches to it for every tenant's work: fail here, not at the first webhook
  BEGIN
    SET LOCAL ROLE bot_tenant;
    RESET ROLE;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'the database user % cannot switch to the role bot_tenant (GRANT bot_tenant TO %)', current_user, current_user;
  END;
END
$$;

CREATE TABLE tenants (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,32}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  channel_secret_sealed text NOT NULL,
  access_token_sealed text NOT NULL,
  data_key_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON tenants FROM PUBLIC;

-- The first tenant-scoped table: webhook events received, their payload sealed.
CREATE TABLE inbox_events (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  event_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload_sealed text NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
);
ALTER TABLE inbox_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbox_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inbox_events
  USING (tenant_id = current_setting('app.tenant', true))
  WITH CHECK (tenant_id = current_setting('app.tenant', true));
REVOKE ALL ON inbox_events FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO bot_tenant;
GRANT SELECT, INSERT, UPDATE, DELETE ON inbox_events TO bot_tenant;

-- Down Migration

DROP TABLE inbox_events;
DROP TABLE tenants;
