-- Schema v7a: how many friends each tenant gained and lost per Bangkok day (follows, blocks,
-- subscribes, unsubscribes, per topic) for the quarterly report
-- (src/db/friend-change-counts.ts). Counted by the friend store in the same transaction as the
-- change, by whichever bot process made it, so every process's report reads the same figures.
-- Counts only: no ref, no user id.

-- Up Migration

CREATE TABLE friend_change_counts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('friend+', 'friend-', 'sub+', 'sub-', 'topic+', 'topic-')),
  -- '' for the kinds that name no topic
  topic text NOT NULL DEFAULT '',
  n integer NOT NULL CHECK (n > 0),
  PRIMARY KEY (tenant_id, day, kind, topic)
);

SELECT secure_tenant_table('friend_change_counts');

-- Down Migration

DROP TABLE friend_change_counts;
