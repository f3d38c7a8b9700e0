-- The app role may change in accounts only what accounts change: the columns Identity and the administrators
-- update. A user's id, login and county (tenant_id) never change after creation — a trigger refuses it for every
-- role, the owner included — so one statement can no longer move a user into another county.
REVOKE UPDATE ON user_accounts FROM enrollment_app;
GRANT UPDATE (display_name, password_hash, role, jurisdiction_id, is_active, security_stamp, lockout_end,
              access_failed_count, must_change_password)
    ON user_accounts TO enrollment_app;

CREATE FUNCTION refuse_identity_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.id <> OLD.id OR NEW.login <> OLD.login OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id THEN
        RAISE EXCEPTION 'user_accounts: id, login and tenant_id of an account never change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER user_accounts_fixed_identity BEFORE UPDATE ON user_accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_identity_change();

-- A county's code is its identity in URLs, files and the CLI.
REVOKE UPDATE ON tenants FROM enrollment_app;
GRANT UPDATE (name, region_code, is_active) ON tenants TO enrollment_app;

-- Audit rows are written only through these functions, not by INSERT: a tenant's rows only for the tenant the
-- session acts for, and an actor id only of an account that exists. (The app role still sets app.tenant_id itself:
-- see docs/security.md on what the database can and cannot stop.)
REVOKE INSERT ON audit_log, system_audit_log FROM enrollment_app;

CREATE FUNCTION append_audit(
    tenants integer[], occurred timestamptz[], actor_ids bigint[], actors text[], entities text[], entity_keys text[],
    actions text[], befores text[], afters text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    current_tenant integer := NULLIF(current_setting('app.tenant_id', true), '')::integer;
BEGIN
    IF current_tenant IS NULL OR EXISTS (SELECT 1 FROM unnest(tenants) AS t WHERE t IS DISTINCT FROM current_tenant) THEN
        RAISE EXCEPTION 'audit rows belong to the tenant the session acts for' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(actor_ids) AS u
               WHERE u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM user_accounts a WHERE a.id = u)) THEN
        RAISE EXCEPTION 'audit rows name an account that does not exist' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO audit_log (tenant_id, occurred_at, actor_user_id, actor, entity, entity_key, action, before, after)
    SELECT t, o, u, a, e, k::jsonb, act, b::jsonb, af::jsonb
    FROM unnest(tenants, occurred, actor_ids, actors, entities, entity_keys, actions, befores, afters) AS x(t, o, u, a, e, k, act, b, af);
END
$$;

CREATE FUNCTION append_system_audit(
    tenants integer[], occurred timestamptz[], actor_ids bigint[], actors text[], entities text[], entity_keys text[],
    actions text[], befores text[], afters text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    current_tenant integer := NULLIF(current_setting('app.tenant_id', true), '')::integer;
BEGIN
    -- Without a tenant (sign-in, the system administrator) a row may name the county it concerns; with one, only it.
    IF current_tenant IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(tenants) AS t WHERE t IS NOT NULL AND t <> current_tenant) THEN
        RAISE EXCEPTION 'audit rows belong to the tenant the session acts for' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(actor_ids) AS u
               WHERE u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM user_accounts a WHERE a.id = u)) THEN
        RAISE EXCEPTION 'audit rows name an account that does not exist' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO system_audit_log (tenant_id, occurred_at, actor_user_id, actor, entity, entity_key, action, before, after)
    SELECT t, o, u, a, e, k::jsonb, act, b::jsonb, af::jsonb
    FROM unnest(tenants, occurred, actor_ids, actors, entities, entity_keys, actions, befores, afters) AS x(t, o, u, a, e, k, act, b, af);
END
$$;

REVOKE ALL ON FUNCTION append_audit(integer[], timestamptz[], bigint[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION append_system_audit(integer[], timestamptz[], bigint[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_audit(integer[], timestamptz[], bigint[], text[], text[], text[], text[], text[], text[]) TO enrollment_app;
GRANT EXECUTE ON FUNCTION append_system_audit(integer[], timestamptz[], bigint[], text[], text[], text[], text[], text[], text[]) TO enrollment_app;
