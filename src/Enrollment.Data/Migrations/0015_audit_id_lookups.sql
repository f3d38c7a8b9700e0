-- Lookups of where a citizen ID number is registered are audited: the registration check tells whether a number
-- exists in this county or another, so each one is recorded with who asked (action 'lookup': no before, the masked
-- number, its keyed hash and the answer after).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('insert', 'update', 'delete', 'view', 'lookup'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_before_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_before_check CHECK ((action IN ('insert', 'view', 'lookup')) = (before IS NULL));
