-- The app role writes accounts only through the functions below, each doing one thing the app does. With plain
-- INSERT and column UPDATE on user_accounts, SQL of the app role's own could reset the system administrator's
-- password hash or insert a new system_admin with a known hash. Now no function creates, promotes, edits, disables
-- or resets a system_admin (those are the owner's: the CLI and the seed), an administrator's change stays within the
-- target's county (and the county the session acts for, when it acts for one), a jurisdiction must be one of that
-- county's at the role's level, and a password is changed by its owner only in exchange for the current hash.
-- Each function returns the row as written, so the app's audit row shows what the database holds.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON user_accounts FROM enrollment_app;

-- The target of an administrator's change: exists, is not a system administrator, and belongs to the county the
-- session acts for (a system administrator's session acts for none and manages county administrators).
CREATE FUNCTION account_managed_target(p_id bigint) RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    target user_accounts;
    current_tenant integer := NULLIF(current_setting('app.tenant_id', true), '')::integer;
BEGIN
    SELECT * INTO target FROM user_accounts WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist', p_id USING ERRCODE = 'no_data_found';
    END IF;
    IF target.role = 'system_admin' THEN
        RAISE EXCEPTION 'a system administrator is changed only by the owner' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF current_tenant IS NOT NULL AND target.tenant_id <> current_tenant THEN
        RAISE EXCEPTION 'the account belongs to another county' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN target;
END
$$;

-- A role and jurisdiction the app may give an account of p_tenant: never system_admin, and a jurisdiction of the
-- same county at the level the role works at (the app's own rule, checked again here).
CREATE FUNCTION account_check_scope(p_tenant integer, p_role text, p_jurisdiction bigint) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    jurisdiction_level text;
BEGIN
    IF p_role IS NULL OR p_role = 'system_admin' THEN
        RAISE EXCEPTION 'the app never makes a system administrator' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_jurisdiction IS NULL THEN
        RETURN;
    END IF;
    SELECT level INTO jurisdiction_level FROM jurisdictions WHERE id = p_jurisdiction AND tenant_id = p_tenant;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the jurisdiction is not one of the account''s county' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (p_role = 'township_staff' AND jurisdiction_level <> 'township')
       OR (p_role = 'village_staff' AND jurisdiction_level <> 'village') THEN
        RAISE EXCEPTION 'a % is bound to a jurisdiction of its level', p_role USING ERRCODE = 'check_violation';
    END IF;
END
$$;

-- 新建账号 and a new county's first administrator: an existing, active county (the one the session acts for, when
-- it acts for one); a new account must change its temporary password at the first sign-in.
CREATE FUNCTION account_create(
    p_tenant integer, p_login text, p_display_name text, p_password_hash text, p_role text, p_jurisdiction bigint)
    RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    current_tenant integer := NULLIF(current_setting('app.tenant_id', true), '')::integer;
    created user_accounts;
BEGIN
    IF p_tenant IS NULL OR NOT EXISTS (SELECT 1 FROM tenants WHERE id = p_tenant AND is_active) THEN
        RAISE EXCEPTION 'an account needs an existing, active county' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF current_tenant IS NOT NULL AND p_tenant <> current_tenant THEN
        RAISE EXCEPTION 'the account belongs to another county' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM account_check_scope(p_tenant, p_role, p_jurisdiction);
    INSERT INTO user_accounts (tenant_id, login, display_name, password_hash, role, jurisdiction_id, is_active,
                               must_change_password)
    VALUES (p_tenant, p_login, p_display_name, p_password_hash, p_role, p_jurisdiction, true, true)
    RETURNING * INTO created;
    RETURN created;
END
$$;

-- Name, role and jurisdiction; a new role or jurisdiction renews the stamp (signs the user out).
CREATE FUNCTION account_edit(p_id bigint, p_display_name text, p_role text, p_jurisdiction bigint) RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    target user_accounts := account_managed_target(p_id);
    changed user_accounts;
BEGIN
    PERFORM account_check_scope(target.tenant_id, p_role, p_jurisdiction);
    UPDATE user_accounts
    SET display_name = p_display_name, role = p_role, jurisdiction_id = p_jurisdiction,
        security_stamp = CASE WHEN role IS DISTINCT FROM p_role OR jurisdiction_id IS DISTINCT FROM p_jurisdiction
                              THEN gen_random_uuid()::text ELSE security_stamp END
    WHERE id = p_id
    RETURNING * INTO changed;
    RETURN changed;
END
$$;

-- 停用 renews the stamp (signs the user out at once); 启用 lets them sign in again with their password.
CREATE FUNCTION account_set_active(p_id bigint, p_active boolean) RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    target user_accounts := account_managed_target(p_id);
    changed user_accounts;
BEGIN
    UPDATE user_accounts
    SET is_active = p_active,
        security_stamp = CASE WHEN p_active THEN security_stamp ELSE gen_random_uuid()::text END
    WHERE id = target.id
    RETURNING * INTO changed;
    RETURN changed;
END
$$;

-- An administrator's reset: a temporary password to change at the next sign-in, the lockout lifted, sessions ended.
CREATE FUNCTION account_reset_password(p_id bigint, p_password_hash text) RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    target user_accounts := account_managed_target(p_id);
    changed user_accounts;
BEGIN
    IF p_password_hash IS NULL OR p_password_hash = '' THEN
        RAISE EXCEPTION 'a reset sets a password' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE user_accounts
    SET password_hash = p_password_hash, must_change_password = true, access_failed_count = 0, lockout_end = NULL,
        security_stamp = gen_random_uuid()::text
    WHERE id = target.id
    RETURNING * INTO changed;
    RETURN changed;
END
$$;

-- The user's own change (also a rehash at sign-in): only in exchange for the current hash, for an active account.
-- The temporary password is then gone, so the forced change is done.
CREATE FUNCTION account_change_password(p_id bigint, p_current_hash text, p_new_hash text) RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    changed user_accounts;
BEGIN
    IF p_new_hash IS NULL OR p_new_hash = '' THEN
        RAISE EXCEPTION 'a change sets a password' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE user_accounts
    SET password_hash = p_new_hash, must_change_password = false, security_stamp = gen_random_uuid()::text
    WHERE id = p_id AND is_active AND password_hash = p_current_hash
    RETURNING * INTO changed;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the current password hash does not match' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN changed;
END
$$;

-- Sign-in bookkeeping: failed attempts and the lockout, nothing else.
CREATE FUNCTION account_record_sign_in(p_id bigint, p_access_failed_count integer, p_lockout_end timestamptz)
    RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    changed user_accounts;
BEGIN
    UPDATE user_accounts SET access_failed_count = p_access_failed_count, lockout_end = p_lockout_end
    WHERE id = p_id
    RETURNING * INTO changed;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN changed;
END
$$;

-- Signing out: a new stamp ends every copy of the session.
CREATE FUNCTION account_renew_stamp(p_id bigint) RETURNS user_accounts
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    changed user_accounts;
BEGIN
    UPDATE user_accounts SET security_stamp = gen_random_uuid()::text
    WHERE id = p_id
    RETURNING * INTO changed;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN changed;
END
$$;

REVOKE ALL ON FUNCTION account_managed_target(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_check_scope(integer, text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_create(integer, text, text, text, text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_edit(bigint, text, text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_set_active(bigint, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_reset_password(bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_change_password(bigint, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_record_sign_in(bigint, integer, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_renew_stamp(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_create(integer, text, text, text, text, bigint) TO enrollment_app;
GRANT EXECUTE ON FUNCTION account_edit(bigint, text, text, bigint) TO enrollment_app;
GRANT EXECUTE ON FUNCTION account_set_active(bigint, boolean) TO enrollment_app;
GRANT EXECUTE ON FUNCTION account_reset_password(bigint, text) TO enrollment_app;
GRANT EXECUTE ON FUNCTION account_change_password(bigint, text, text) TO enrollment_app;
GRANT EXECUTE ON FUNCTION account_record_sign_in(bigint, integer, timestamptz) TO enrollment_app;
GRANT EXECUTE ON FUNCTION account_renew_stamp(bigint) TO enrollment_app;

-- System audit rows from the app role name a real account as their actor, under its own login. The one exception
-- is a failed sign-in with a login nobody holds: no account to name, so the row records what was typed. The owner
-- (the CLI, the seed) writes rows for its own commands with no account, as before.
CREATE OR REPLACE FUNCTION append_system_audit(
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
    -- Inside this function current_user is the owner; session_user is who called.
    IF session_user <> current_user AND EXISTS (
        SELECT 1 FROM unnest(actor_ids, actors, entities, actions, befores) AS x(u, a, e, act, b)
        WHERE CASE WHEN u IS NULL THEN NOT (act = 'sign_in_failed' AND e = 'user_accounts' AND b IS NULL)
                   ELSE a IS DISTINCT FROM (SELECT login FROM user_accounts WHERE id = u) END) THEN
        RAISE EXCEPTION 'audit rows name their actor''s account under its own login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO system_audit_log (tenant_id, occurred_at, actor_user_id, actor, entity, entity_key, action, before, after)
    SELECT t, o, u, a, e, k::jsonb, act, b::jsonb, af::jsonb
    FROM unnest(tenants, occurred, actor_ids, actors, entities, entity_keys, actions, befores, afters) AS x(t, o, u, a, e, k, act, b, af);
END
$$;
