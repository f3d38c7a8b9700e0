-- 不得重复参保, made atomic: a person may hold one *active* registration across all tenants. Checking the
-- registry before inserting is a race (three counties registering the same new number at the same moment all
-- passed the check); a unique index over the active entries makes the database refuse every registration after
-- the first, in whichever transaction commits second.
--
-- An entry is released (released_at set) when the person leaves the tenant's register: died, moved out of the
-- county, or the household registration was cancelled. The row stays for history, and the person can then be
-- registered where they live next.
ALTER TABLE id_hash_registry ADD COLUMN released_at timestamptz NULL;

-- Earlier versions allowed one number in several tenants: keep the oldest registration active, release the rest
-- (the registry reconciliation reports such residents as conflicts from now on).
UPDATE id_hash_registry r SET released_at = now()
WHERE EXISTS (
    SELECT 1 FROM id_hash_registry o
    WHERE o.id_hash = r.id_hash AND (o.registered_at, o.tenant_id) < (r.registered_at, r.tenant_id));

CREATE UNIQUE INDEX id_hash_registry_one_active ON id_hash_registry (id_hash) WHERE released_at IS NULL;

-- The app releases and re-activates its own tenant's entries (a death or a move recorded through the context).
CREATE POLICY registry_update ON id_hash_registry FOR UPDATE
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer);
GRANT UPDATE (released_at) ON id_hash_registry TO enrollment_app;
