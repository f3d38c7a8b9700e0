-- Accounts: what ASP.NET Core Identity needs on user_accounts, the finance role, and the audit
-- actions for sign-ins and for viewing full citizen ID numbers (docs/decisions/0005-accounts.md).

ALTER TABLE user_accounts
    ADD COLUMN security_stamp        text        NOT NULL DEFAULT gen_random_uuid()::text,
    ADD COLUMN lockout_end           timestamptz NULL,
    ADD COLUMN access_failed_count   integer     NOT NULL DEFAULT 0 CHECK (access_failed_count >= 0),
    -- New accounts and administrator resets force a new password at the next sign-in.
    ADD COLUMN must_change_password  boolean     NOT NULL DEFAULT true,
    -- Logins are compared case-insensitively by storing them normalised.
    ADD CONSTRAINT user_accounts_login_normalised_check CHECK (login = lower(btrim(login))),
    -- A township clerk or village collector without a jurisdiction would see the whole county.
    ADD CONSTRAINT user_accounts_local_scope_check
        CHECK (role NOT IN ('township_staff', 'village_staff') OR jurisdiction_id IS NOT NULL);

ALTER TABLE user_accounts DROP CONSTRAINT user_accounts_role_check;
ALTER TABLE user_accounts ADD CONSTRAINT user_accounts_role_check
    CHECK (role IN ('system_admin', 'bureau_admin', 'bureau_staff', 'finance',
                    'township_staff', 'village_staff', 'department_staff'));

ALTER TABLE system_audit_log DROP CONSTRAINT system_audit_log_action_check;
ALTER TABLE system_audit_log ADD CONSTRAINT system_audit_log_action_check
    CHECK (action IN ('insert', 'update', 'delete', 'view', 'sign_in', 'sign_in_failed', 'locked_out', 'sign_out'));

-- 'view' rows record who saw a full citizen ID number: no before, the viewed fields after.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('insert', 'update', 'delete', 'view'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_before_check CHECK ((action IN ('insert', 'view')) = (before IS NULL));
