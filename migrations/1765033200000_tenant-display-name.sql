-- A municipality's name is what its pages and chat show (the console's header and title, the
-- /tip pages, the welcome card), so the table holds it to the rule the admin API and
-- `npm run tenant` check (src/db/tenants.ts, TenantName): 1-100 characters, trimmed, no
-- control characters, line separators or bidi overrides. A name stored under the old rule
-- (up to 200 characters, anything in it) is cleaned first: hidden characters become spaces,
-- it is cut at 100 characters and trimmed (an empty result takes the tenant's id);
-- `npm run tenant -- list` shows the names, `rename` sets a better one.

-- Up Migration

UPDATE tenants
SET name = coalesce(
  nullif(btrim(left(btrim(regexp_replace(name, '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]', ' ', 'g')), 100)), ''),
  id
)
WHERE length(name) > 100
   OR name <> btrim(name)
   OR name ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]';

ALTER TABLE tenants ADD CONSTRAINT tenants_name_shown CHECK (
  length(name) BETWEEN 1 AND 100
  AND name = btrim(name)
  AND name !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]'
);

-- Down Migration

ALTER TABLE tenants DROP CONSTRAINT tenants_name_shown;
