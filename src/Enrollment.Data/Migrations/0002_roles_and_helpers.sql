-- Roles and helpers for the two walls between tenants (docs/decisions/0004-tenancy-and-keys.md).
--
-- The role that runs migrations owns every table (the schema owner: `postgres` in development, a dedicated
-- non-superuser owner in production). Bulk loads run as the owner too, because COPY into a table with
-- row-level security is refused for roles the policies apply to.
--
-- enrollment_app is the role the web app connects as. It owns nothing, so every row-level security policy
-- applies to it. Roles are cluster-wide: create it only if missing, and tolerate a concurrent migrator of
-- another database on the same cluster creating it at the same moment (advisory locks are per database).
-- It gets no password here: development clusters use trust on 127.0.0.1; production sets one out of band
-- (ALTER ROLE enrollment_app PASSWORD ...).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enrollment_app') THEN
        CREATE ROLE enrollment_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO enrollment_app', current_database()); END $$;
GRANT USAGE ON SCHEMA public TO enrollment_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON TABLE schema_migrations FROM enrollment_app;

-- The tenant the current connection acts for, or NULL. The app sets app.tenant_id on every connection it
-- opens; after Npgsql's pool reset the setting reads '' rather than NULL, hence NULLIF.
-- Policies below inline the same expression (docs/decisions/0004-tenancy-and-keys.md, "Wall 2") so the planner sees a plain
-- comparison; this function is for triggers and ad-hoc SQL.
CREATE FUNCTION app_current_tenant() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::integer $$;

-- Enables row-level security on a tenant-owned table: one policy for every command, USING and WITH CHECK on
-- tenant_id, and the app role's DML grants. Later migrations call it for every new tenant-owned table.
CREATE FUNCTION enable_tenant_rls(target regclass) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s '
        'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::integer) '
        'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::integer)',
        target);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO enrollment_app', target);
END
$$;

-- Append-only tables (audit logs) refuse UPDATE, DELETE and TRUNCATE for everyone, the owner included;
-- a retention purge must disable the trigger explicitly, which is itself visible in the server log.
CREATE FUNCTION refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
