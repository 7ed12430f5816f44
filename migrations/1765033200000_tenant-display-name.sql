-- Schema v12: a municipality's name is what its pages and chat show (the console's header and
-- title, the /tip form, the welcome card), so the table holds it to the rule the admin API
-- and `npm run tenant` check (src/db/tenants.ts, TenantName): 1-100 characters, trimmed, no
-- control characters, line separators or bidi overrides. NOT VALID: a name already stored
-- under the old rule (up to 200 characters) is not refused here; any new or changed one is.

-- Up Migration

ALTER TABLE tenants ADD CONSTRAINT tenants_name_shown CHECK (
  length(name) BETWEEN 1 AND 100
  AND name = btrim(name)
  AND name !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]'
) NOT VALID;

-- Down Migration

ALTER TABLE tenants DROP CONSTRAINT tenants_name_shown;
