-- Households and life events. A household has exactly one head: the head is households.head_resident_id, and at
-- most one member says 'self'. The exclusion constraint is deferred to commit, so one save can hand the headship
-- from one member to another (the old head's relation changes in the same transaction as the new head's).
ALTER TABLE residents ADD CONSTRAINT residents_one_head_per_household
    EXCLUDE USING btree (tenant_id WITH =, household_id WITH =) WHERE (relation_to_head = 'self')
    DEFERRABLE INITIALLY DEFERRED;

-- A death (死亡) or a move out of the county (迁出) is recorded with its evidence (证明材料 / 文号); the date is
-- residents.status_changed_on.
ALTER TABLE residents ADD COLUMN status_evidence text NULL CHECK (status_evidence <> '');

-- An enrollment cancelled because the person left (died, moved out) says why; the row stays for history.
ALTER TABLE enrollments ADD COLUMN cancel_reason text NULL CHECK (cancel_reason <> '');
ALTER TABLE enrollments ADD CONSTRAINT enrollments_cancel_reason_only_when_cancelled
    CHECK (cancel_reason IS NULL OR status = 'cancelled');
