-- Schema v7: each tenant's friends (with their topic choices) and conversation state
-- (src/db/friend-store-postgres.ts, src/db/conversation-store-postgres.ts). A friend is keyed
-- by ref, an HMAC of the LINE user id under the tenant's key; the user id itself is kept only
-- sealed (AES-256-GCM by the application) for pushing. Topics and dates stay clear, so a
-- fan-out lists a topic's subscribers in the database. Conversation state (tip drafts) is
-- sealed whole.

-- Up Migration

CREATE TABLE friends (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  ref text NOT NULL,
  user_sealed text NOT NULL,
  following boolean NOT NULL,
  first_followed_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  topics text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, ref)
);
-- A fan-out pages through one topic's followers by ref
CREATE INDEX friends_following ON friends (tenant_id, ref) WHERE following;
CREATE INDEX friends_blocked ON friends (tenant_id, changed_at) WHERE NOT following;

CREATE TABLE conversations (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  ref text NOT NULL,
  state_sealed text NOT NULL,
  PRIMARY KEY (tenant_id, ref)
);

SELECT secure_tenant_table('friends');
SELECT secure_tenant_table('conversations');

-- Down Migration

DROP TABLE conversations;
DROP TABLE friends;
