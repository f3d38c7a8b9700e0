-- The enrollment's payment state is re-read from its own payments by key, whatever the planner believes about
-- the payments table. As a LATERAL join the planner could scan the tenant's whole payments index and filter by
-- enrollment (it did on a freshly loaded county whose statistics said payments was empty), so each call within a
-- long transaction (a tax file's 100,000 rows) read every payment the transaction had already written and the
-- commit slowed down row by row. A correlated subquery is always run with the enrollment's id as its key.
CREATE OR REPLACE FUNCTION enrollment_refresh_payment_state(p_tenant integer, p_enrollments bigint[]) RETURNS void
    LANGUAGE sql AS
$$
    UPDATE enrollments e
    SET (status, paid_on, paid_amount, cancel_reason) = (
        SELECT CASE WHEN c.state IS NULL THEN CASE WHEN e.status = 'cancelled' THEN 'cancelled' ELSE 'registered' END
                    WHEN c.state = 'unconfirmed' THEN 'unconfirmed'
                    WHEN c.is_government THEN 'government_paid'
                    ELSE 'paid' END,
               CASE WHEN c.state = 'confirmed' THEN c.paid_on END,
               CASE WHEN c.state = 'confirmed' THEN c.amount END,
               CASE WHEN c.state IS NULL THEN e.cancel_reason END
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
            SELECT p.state, p.paid_on, p.amount, ch.is_government
            FROM payments p JOIN payment_channels ch ON ch.code = p.channel_code
            WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND p.state IN ('confirmed', 'unconfirmed')) c ON true)
    WHERE e.tenant_id = p_tenant AND e.id = ANY (p_enrollments)
$$;
