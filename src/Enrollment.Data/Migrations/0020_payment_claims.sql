-- When a payment entered a subsidy claim batch (补助申报批次) the county filed with finance. The finance work's claim
-- batches set it; from then on the payment is part of a filed claim, so only a county user (not bound to a township)
-- may reverse it — the clerks' pages refuse a township clerk (PaymentDesk.ReverseAsync). Null: not claimed.
ALTER TABLE payments ADD COLUMN claimed_at timestamptz NULL;

-- The confirm page lists a subtree's unconfirmed entries newest first.
CREATE INDEX payments_unconfirmed ON payments (tenant_id, recorded_at DESC) WHERE state = 'unconfirmed';
