-- Schema v9: staff members' linked LINE accounts, the one-time codes that link them
-- (src/db/line-links-postgres.ts), and tip attachments (src/db/evidence-postgres.ts).
-- A link is keyed by the staff account; the LINE user id is kept as a keyed hash (to find it)
-- and sealed (to push a test-send to it), never in clear. A link code is found by a keyed hash
-- of its digits, so a dump holds no code to send. An attachment's bytes are sealed by the
-- application (AES-256-GCM under the tenant's tips key) before they are written; the id is
-- random and says nothing about the tip or the reporter.

-- Up Migration

CREATE TABLE staff_line_links (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  account text NOT NULL,
  user_ref text NOT NULL,
  user_sealed text NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, account)
);

CREATE TABLE staff_link_codes (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  account text NOT NULL,
  expires_at timestamptz NOT NULL,
  used boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, code_hash)
);
CREATE INDEX staff_link_codes_account ON staff_link_codes (tenant_id, account);

CREATE TABLE tip_attachments (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id ~ '^[A-Za-z0-9_-]{22}$'),
  created_at timestamptz NOT NULL,
  -- 12-byte IV, 16-byte tag, ciphertext: the layout of the file backend's .bin files
  sealed bytea NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tip_attachments_created ON tip_attachments (tenant_id, created_at);

SELECT secure_tenant_table('staff_line_links');
SELECT secure_tenant_table('staff_link_codes');
SELECT secure_tenant_table('tip_attachments');

-- Down Migration

DROP TABLE tip_attachments;
DROP TABLE staff_link_codes;
DROP TABLE staff_line_links;
