-- Transfer requests can now be withdrawn (撤回, by the requesting side) and can lapse (已失效: the resident's village
-- changed after the request was made, so approving it would move them on outdated facts). For every status but
-- pending, decided_by_user_id / decided_at / decision_note record who closed the request, when and why, so the
-- existing "decided exactly when no longer pending" check keeps holding.
-- (Written as 0012 while another branch might take 0011; renumbered on merge: nothing took it.)
ALTER TABLE transfer_requests DROP CONSTRAINT transfer_requests_status_check;
ALTER TABLE transfer_requests ADD CONSTRAINT transfer_requests_status_check
    CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled', 'superseded'));

-- The waiting counts on every home page and in the navigation read pending requests by village.
CREATE INDEX transfer_requests_pending_from ON transfer_requests (tenant_id, from_village_id) WHERE status = 'pending';
