-- The payment core (docs/data-model.md, "Payments and the paid definition"; docs/decisions/0009):
--   * payments say their state; a reversal is a state with who, when and why, not a negative row;
--   * one receipt may pay for several members of a household: unique per (channel, reference, resident);
--   * the enrollment's payment state (registered / unconfirmed / paid / government_paid / cancelled) is kept by the
--     payment functions below, in the same transaction as the payment, and is the one definition of "paid";
--   * progress per township, village and payment day as append-only deltas, written by triggers on enrollments and
--     residents, so every way an enrollment becomes paid or unpaid moves the figures in the same transaction;
--   * API keys (hashed), and the idempotency records of the payments API.

-- Payments ---------------------------------------------------------------------------------------------------------

ALTER TABLE payments ADD COLUMN resident_id bigint NULL;
ALTER TABLE payments ADD COLUMN state text NULL;
ALTER TABLE payments ADD COLUMN reversed_at timestamptz NULL;
ALTER TABLE payments ADD COLUMN reversed_by_user_id bigint NULL REFERENCES user_accounts (id);
ALTER TABLE payments ADD COLUMN reversal_reason text NULL CHECK (reversal_reason <> '');
ALTER TABLE payments ADD COLUMN refunded_at timestamptz NULL;
-- A tax record that confirmed a hand entry (matched): its channel and reference, kept beside the entry's own.
ALTER TABLE payments ADD COLUMN confirmed_channel_code text NULL REFERENCES payment_channels (code);
ALTER TABLE payments ADD COLUMN confirmed_reference text COLLATE "C" NULL CHECK (confirmed_reference <> '');

UPDATE payments p SET resident_id = e.resident_id FROM enrollments e WHERE e.tenant_id = p.tenant_id AND e.id = p.enrollment_id;

-- Old reversal rows become the reversed state of the payment they reversed.
UPDATE payments p SET state = 'reversed', reversed_at = r.recorded_at, reversed_by_user_id = r.recorded_by_user_id,
                      reversal_reason = '冲正（迁移前记录）'
FROM payments r WHERE r.tenant_id = p.tenant_id AND r.reversal_of_id = p.id;
DELETE FROM payments WHERE reversal_of_id IS NOT NULL;
-- Of several unreversed payments of one enrollment the oldest counts; the others were money received twice.
UPDATE payments p SET state = CASE
        WHEN EXISTS (SELECT 1 FROM payments o
                     WHERE o.tenant_id = p.tenant_id AND o.enrollment_id = p.enrollment_id AND o.state IS NULL
                       AND o.id < p.id) THEN 'refund_due'
        WHEN p.confirmed_at IS NOT NULL THEN 'confirmed'
        ELSE 'unconfirmed' END
WHERE p.state IS NULL;

DROP INDEX payments_channel_reference;
ALTER TABLE payments DROP COLUMN reversal_of_id;
ALTER TABLE payments ALTER COLUMN resident_id SET NOT NULL;
ALTER TABLE payments ALTER COLUMN state SET NOT NULL;
ALTER TABLE payments ADD CONSTRAINT payments_state_check
    CHECK (state IN ('confirmed', 'unconfirmed', 'reversed', 'refund_due', 'refunded'));
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0);
ALTER TABLE payments ADD CONSTRAINT payments_reversal_recorded
    CHECK ((state = 'reversed') = (reversed_at IS NOT NULL) AND (reversal_reason IS NULL OR reversed_at IS NOT NULL));
ALTER TABLE payments ADD CONSTRAINT payments_refund_recorded CHECK ((state = 'refunded') = (refunded_at IS NOT NULL));
ALTER TABLE payments ADD CONSTRAINT payments_confirmed_has_time CHECK (state <> 'confirmed' OR confirmed_at IS NOT NULL);
ALTER TABLE payments ADD CONSTRAINT payments_resident_fk
    FOREIGN KEY (tenant_id, resident_id) REFERENCES residents (tenant_id, id);
-- A household's members may share one receipt; one person cannot be paid twice under it.
CREATE UNIQUE INDEX payments_channel_reference ON payments (tenant_id, channel_code, reference, resident_id)
    WHERE reference IS NOT NULL;
-- At most one payment of an enrollment counts (or waits for confirmation); further money is refund_due.
CREATE UNIQUE INDEX payments_one_counting ON payments (tenant_id, enrollment_id)
    WHERE state IN ('confirmed', 'unconfirmed');
-- Refunds to make, oldest first (the promotion after a reversal reads the same order).
CREATE INDEX payments_refund_due ON payments (tenant_id, enrollment_id, id) WHERE state = 'refund_due';

-- Enrollments: the payment state ----------------------------------------------------------------------------------

ALTER TABLE enrollments ADD COLUMN paid_on date NULL;
ALTER TABLE enrollments ADD COLUMN paid_amount numeric(12,2) NULL;
ALTER TABLE enrollments DROP CONSTRAINT enrollments_status_check;
UPDATE enrollments e SET status = 'registered' WHERE status = 'paid';
UPDATE enrollments e
SET status = CASE WHEN p.state = 'unconfirmed' THEN 'unconfirmed'
                  WHEN c.is_government THEN 'government_paid' ELSE 'paid' END,
    paid_on = CASE WHEN p.state = 'confirmed' THEN p.paid_on END,
    paid_amount = CASE WHEN p.state = 'confirmed' THEN p.amount END
FROM payments p JOIN payment_channels c ON c.code = p.channel_code
WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND p.state IN ('confirmed', 'unconfirmed')
  AND e.status <> 'cancelled';
ALTER TABLE enrollments ADD CONSTRAINT enrollments_status_check
    CHECK (status IN ('registered', 'unconfirmed', 'paid', 'government_paid', 'cancelled'));
ALTER TABLE enrollments ADD CONSTRAINT enrollments_paid_has_payment
    CHECK ((status IN ('paid', 'government_paid')) = (paid_on IS NOT NULL AND paid_amount IS NOT NULL));

-- The one definition of "paid": a confirmed, unreversed payment or a government payment, which the payment functions
-- write as the enrollment's status. Every query that asks "paid?" calls this (or, in EF, CampaignEnrollment.IsPaid).
CREATE FUNCTION enrollment_is_paid(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status IN ('paid', 'government_paid') $$;

CREATE INDEX enrollments_campaign_paid ON enrollments (tenant_id, campaign_id) WHERE status IN ('paid', 'government_paid');

-- Progress deltas -------------------------------------------------------------------------------------------------

-- Append-only: each row moves one village's paid count and amount on one payment day. Readers sum; a compaction
-- replaces a campaign's rows by their sums in one transaction (ProgressRollup.CompactAsync).
CREATE TABLE progress_deltas (
    tenant_id    integer NOT NULL REFERENCES tenants (id),
    id           bigint GENERATED BY DEFAULT AS IDENTITY,
    campaign_id  bigint NOT NULL,
    township_id  bigint NULL,
    village_id   bigint NOT NULL,
    paid_on      date NOT NULL,
    paid         integer NOT NULL,
    amount       numeric(14,2) NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, village_id) REFERENCES jurisdictions (tenant_id, id)
);
CREATE INDEX progress_deltas_campaign ON progress_deltas (tenant_id, campaign_id) INCLUDE (township_id, village_id, paid_on, paid, amount);
SELECT enable_tenant_rls('progress_deltas');
REVOKE UPDATE ON progress_deltas FROM enrollment_app;

-- The deltas of a set of enrollment rows (sign +1 for new values, -1 for old), by village and payment day.
CREATE FUNCTION progress_append(rows_tenant integer[], rows_campaign bigint[], rows_resident bigint[], rows_paid_on date[],
                                rows_amount numeric[], rows_sign integer[]) RETURNS void
    LANGUAGE sql AS
$$
    INSERT INTO progress_deltas (tenant_id, campaign_id, township_id, village_id, paid_on, paid, amount)
    SELECT x.t, x.c, NULLIF(split_part(v.path, '/', 3), '')::bigint, r.village_id, x.d, sum(x.s), sum(x.s * x.a)
    FROM unnest(rows_tenant, rows_campaign, rows_resident, rows_paid_on, rows_amount, rows_sign) AS x(t, c, r_id, d, a, s)
    JOIN residents r ON r.tenant_id = x.t AND r.id = x.r_id
    JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
    GROUP BY x.t, x.c, v.path, r.village_id, x.d
    HAVING sum(x.s) <> 0 OR sum(x.s * x.a) <> 0
$$;

CREATE FUNCTION enrollments_progress_insert() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM progress_append(array_agg(tenant_id), array_agg(campaign_id), array_agg(resident_id), array_agg(paid_on),
                            array_agg(paid_amount), array_agg(1))
    FROM new_rows WHERE enrollment_is_paid(status);
    RETURN NULL;
END
$$;

CREATE FUNCTION enrollments_progress_delete() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM progress_append(array_agg(tenant_id), array_agg(campaign_id), array_agg(resident_id), array_agg(paid_on),
                            array_agg(paid_amount), array_agg(-1))
    FROM old_rows WHERE enrollment_is_paid(status);
    RETURN NULL;
END
$$;

CREATE FUNCTION enrollments_progress_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM progress_append(array_agg(x.tenant_id), array_agg(x.campaign_id), array_agg(x.resident_id), array_agg(x.paid_on),
                            array_agg(x.paid_amount), array_agg(x.sign))
    FROM (
        SELECT o.tenant_id, o.campaign_id, o.resident_id, o.paid_on, o.paid_amount, -1 AS sign
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
        WHERE enrollment_is_paid(o.status)
          AND (NOT enrollment_is_paid(n.status) OR n.paid_on IS DISTINCT FROM o.paid_on
               OR n.paid_amount IS DISTINCT FROM o.paid_amount OR n.resident_id <> o.resident_id)
        UNION ALL
        SELECT n.tenant_id, n.campaign_id, n.resident_id, n.paid_on, n.paid_amount, 1
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
        WHERE enrollment_is_paid(n.status)
          AND (NOT enrollment_is_paid(o.status) OR n.paid_on IS DISTINCT FROM o.paid_on
               OR n.paid_amount IS DISTINCT FROM o.paid_amount OR n.resident_id <> o.resident_id)
    ) x;
    RETURN NULL;
END
$$;

CREATE TRIGGER enrollments_progress_insert AFTER INSERT ON enrollments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrollments_progress_insert();
CREATE TRIGGER enrollments_progress_update AFTER UPDATE ON enrollments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrollments_progress_update();
CREATE TRIGGER enrollments_progress_delete AFTER DELETE ON enrollments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enrollments_progress_delete();

-- A paid resident who moves to another village takes their count along.
CREATE FUNCTION residents_progress_move() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO progress_deltas (tenant_id, campaign_id, township_id, village_id, paid_on, paid, amount)
    SELECT e.tenant_id, e.campaign_id, NULLIF(split_part(v.path, '/', 3), '')::bigint, v.id, e.paid_on,
           sum(m.sign), sum(m.sign * e.paid_amount)
    FROM (SELECT o.tenant_id, o.id, o.village_id, -1 AS sign FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
          WHERE n.village_id <> o.village_id
          UNION ALL
          SELECT n.tenant_id, n.id, n.village_id, 1 FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
          WHERE n.village_id <> o.village_id) m
    JOIN enrollments e ON e.tenant_id = m.tenant_id AND e.resident_id = m.id AND enrollment_is_paid(e.status)
    JOIN jurisdictions v ON v.tenant_id = m.tenant_id AND v.id = m.village_id
    GROUP BY e.tenant_id, e.campaign_id, v.path, v.id, e.paid_on;
    RETURN NULL;
END
$$;
CREATE TRIGGER residents_progress_move AFTER UPDATE ON residents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION residents_progress_move();

-- The deltas of a tenant recomputed from its enrollments: after this migration, and after a bulk load that ran with
-- the insert trigger disabled (the generator).
CREATE FUNCTION progress_rebuild(p_tenant integer) RETURNS void
    LANGUAGE sql AS
$$
    DELETE FROM progress_deltas WHERE tenant_id = p_tenant;
    INSERT INTO progress_deltas (tenant_id, campaign_id, township_id, village_id, paid_on, paid, amount)
    SELECT e.tenant_id, e.campaign_id, NULLIF(split_part(v.path, '/', 3), '')::bigint, r.village_id, e.paid_on, count(*), sum(e.paid_amount)
    FROM enrollments e
    JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
    JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
    WHERE e.tenant_id = p_tenant AND enrollment_is_paid(e.status)
    GROUP BY e.tenant_id, e.campaign_id, v.path, r.village_id, e.paid_on;
$$;
SELECT progress_rebuild(id) FROM tenants;

-- Compaction: each campaign with more than p_threshold rows gets its rows replaced by their sums per village and day,
-- in one transaction. Rows appended meanwhile are not in the DELETE's snapshot and stay; a reader sees the rows before
-- or after, never half. Across tenants (the maintenance worker has none), hence SECURITY DEFINER.
CREATE FUNCTION progress_compact(p_threshold integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    target record;
    removed integer := 0;
    n integer;
BEGIN
    FOR target IN
        SELECT d.tenant_id, d.campaign_id FROM progress_deltas d GROUP BY d.tenant_id, d.campaign_id HAVING count(*) > p_threshold
    LOOP
        WITH gone AS (
            DELETE FROM progress_deltas d WHERE d.tenant_id = target.tenant_id AND d.campaign_id = target.campaign_id
            RETURNING d.tenant_id, d.campaign_id, d.township_id, d.village_id, d.paid_on, d.paid, d.amount
        ), summed AS (
            INSERT INTO progress_deltas (tenant_id, campaign_id, township_id, village_id, paid_on, paid, amount)
            SELECT g.tenant_id, g.campaign_id, g.township_id, g.village_id, g.paid_on, sum(g.paid), sum(g.amount)
            FROM gone g GROUP BY g.tenant_id, g.campaign_id, g.township_id, g.village_id, g.paid_on
            HAVING sum(g.paid) <> 0 OR sum(g.amount) <> 0
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM summed) INTO n;
        removed := removed + n;
    END LOOP;
    RETURN removed;
END
$$;
REVOKE ALL ON FUNCTION progress_compact(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION progress_compact(integer) TO enrollment_app;

-- Idempotency records of the payments API ---------------------------------------------------------------------------

-- One per (channel, reference, resident): the first request's values and its answer, so a repeat answers the same.
CREATE TABLE payment_requests (
    tenant_id       integer NOT NULL REFERENCES tenants (id),
    id              bigint GENERATED BY DEFAULT AS IDENTITY,
    channel_code    text NOT NULL REFERENCES payment_channels (code),
    reference       text COLLATE "C" NOT NULL CHECK (reference <> ''),
    resident_id     bigint NOT NULL,
    campaign_id     bigint NOT NULL,
    name            text NOT NULL,
    amount          numeric(12,2) NOT NULL,
    paid_on         date NOT NULL,
    payment_id      bigint NULL,
    outcome         text NULL CHECK (outcome IN ('recorded', 'matched', 'refund_due')),
    payable         numeric(12,2) NULL,
    coverage_start  date NULL,
    late            boolean NULL,
    api_key_id      bigint NULL,
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT payment_requests_key UNIQUE (tenant_id, channel_code, reference, resident_id),
    FOREIGN KEY (tenant_id, resident_id) REFERENCES residents (tenant_id, id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id),
    FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, id)
);
SELECT enable_tenant_rls('payment_requests');
REVOKE DELETE ON payment_requests FROM enrollment_app;

-- API keys ----------------------------------------------------------------------------------------------------------

CREATE TABLE api_keys (
    tenant_id           integer NOT NULL REFERENCES tenants (id),
    id                  bigint GENERATED BY DEFAULT AS IDENTITY,
    name                text NOT NULL CHECK (name <> '' AND length(name) <= 50),
    scopes              text[] NOT NULL CHECK (scopes <@ ARRAY['payments:write', 'progress:read'] AND cardinality(scopes) > 0),
    secret_hash         bytea NOT NULL,
    created_at          timestamptz NOT NULL,
    created_by_user_id  bigint NULL REFERENCES user_accounts (id),
    last_used_at        timestamptz NULL,
    revoked_at          timestamptz NULL,
    revoked_by_user_id  bigint NULL REFERENCES user_accounts (id),
    PRIMARY KEY (tenant_id, id)
);
-- Keys are found by hash alone (api_key_find); a 256-bit random secret does not collide, so the unique rule keeps
-- the tenant first like every other key.
CREATE UNIQUE INDEX api_keys_secret ON api_keys (tenant_id, secret_hash);
CREATE INDEX api_keys_lookup ON api_keys (secret_hash);
SELECT enable_tenant_rls('api_keys');
REVOKE DELETE ON api_keys FROM enrollment_app;

-- A request names no tenant before its key is known: this finds the key by its hash across tenants and says only
-- what authentication needs. The hash is of a 256-bit random secret, so it cannot be guessed by enumeration.
CREATE FUNCTION api_key_find(p_hash bytea)
    RETURNS TABLE (tenant_id integer, id bigint, name text, scopes text[], revoked boolean, last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT k.tenant_id, k.id, k.name, k.scopes, k.revoked_at IS NOT NULL, k.last_used_at FROM api_keys k WHERE k.secret_hash = p_hash $$;
REVOKE ALL ON FUNCTION api_key_find(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_key_find(bytea) TO enrollment_app;

-- API calls are audited as such (key name, operation, outcome).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('insert', 'update', 'delete', 'view', 'lookup', 'api_call'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_before_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_before_check CHECK ((action IN ('insert', 'view', 'lookup', 'api_call')) = (before IS NULL));

-- Payment functions -------------------------------------------------------------------------------------------------
-- Every change of a payment's state goes through these (PaymentService calls them), so the enrollment's payment
-- state and, through its triggers, the progress deltas change in the same transaction, by one rule.

-- The enrollments' payment state from their payments: the one place that writes it.
CREATE FUNCTION enrollment_refresh_payment_state(p_tenant integer, p_enrollments bigint[]) RETURNS void
    LANGUAGE sql AS
$$
    UPDATE enrollments e
    SET status = CASE WHEN c.state IS NULL THEN CASE WHEN e.status = 'cancelled' THEN 'cancelled' ELSE 'registered' END
                      WHEN c.state = 'unconfirmed' THEN 'unconfirmed'
                      WHEN c.is_government THEN 'government_paid'
                      ELSE 'paid' END,
        paid_on = CASE WHEN c.state = 'confirmed' THEN c.paid_on END,
        paid_amount = CASE WHEN c.state = 'confirmed' THEN c.amount END,
        cancel_reason = CASE WHEN c.state IS NULL THEN e.cancel_reason END
    FROM unnest(p_enrollments) AS x(id)
    LEFT JOIN LATERAL (
        SELECT p.state, p.paid_on, p.amount, ch.is_government
        FROM payments p JOIN payment_channels ch ON ch.code = p.channel_code
        WHERE p.tenant_id = p_tenant AND p.enrollment_id = x.id AND p.state IN ('confirmed', 'unconfirmed')) c ON true
    WHERE e.tenant_id = p_tenant AND e.id = x.id
$$;

-- Records one payment for one enrollment. With p_request (the API), the idempotency record is claimed first: a
-- second identical request waits here for the first to commit and then answers 'repeat'. Payments of one enrollment
-- are serialised by its row lock. Outcomes: recorded, matched (an unconfirmed entry of the same amount confirmed by
-- this record), refund_due (money for an enrollment that already has a payment), repeat, not_registered.
CREATE FUNCTION payment_record(
    p_tenant integer, p_enrollment bigint, p_channel text, p_reference text, p_paid_on date, p_amount numeric,
    p_confirmed boolean, p_user bigint, p_now timestamptz, p_request boolean, p_campaign bigint, p_name text,
    p_payable numeric, p_coverage_start date, p_late boolean, p_key bigint)
    RETURNS TABLE (outcome text, payment_id bigint)
    LANGUAGE plpgsql AS
$$
#variable_conflict use_column
DECLARE
    v_resident bigint;
    v_status text;
    v_request bigint;
    v_counting record;
    v_payment bigint;
    v_outcome text;
BEGIN
    SELECT e.resident_id INTO v_resident FROM enrollments e WHERE e.tenant_id = p_tenant AND e.id = p_enrollment;
    IF p_request THEN
        INSERT INTO payment_requests (tenant_id, channel_code, reference, resident_id, campaign_id, name, amount, paid_on,
                                      payable, coverage_start, late, api_key_id, received_at)
        VALUES (p_tenant, p_channel, p_reference, v_resident, p_campaign, p_name, p_amount, p_paid_on,
                p_payable, p_coverage_start, p_late, p_key, p_now)
        ON CONFLICT ON CONSTRAINT payment_requests_key DO NOTHING
        RETURNING id INTO v_request;
        IF v_request IS NULL THEN
            RETURN QUERY SELECT 'repeat'::text, NULL::bigint;
            RETURN;
        END IF;
    END IF;

    SELECT e.status INTO v_status FROM enrollments e WHERE e.tenant_id = p_tenant AND e.id = p_enrollment FOR UPDATE;
    IF v_status IS NULL OR v_status = 'cancelled' THEN
        RETURN QUERY SELECT 'not_registered'::text, NULL::bigint;
        RETURN;
    END IF;

    SELECT p.id, p.state, p.amount INTO v_counting FROM payments p
    WHERE p.tenant_id = p_tenant AND p.enrollment_id = p_enrollment AND p.state IN ('confirmed', 'unconfirmed');

    IF p_confirmed AND v_counting.state = 'unconfirmed' AND v_counting.amount = p_amount THEN
        UPDATE payments p SET state = 'confirmed', confirmed_at = p_now, confirmed_by_user_id = p_user,
                              confirmed_channel_code = p_channel, confirmed_reference = p_reference
        WHERE p.tenant_id = p_tenant AND p.id = v_counting.id;
        v_payment := v_counting.id;
        v_outcome := 'matched';
    ELSE
        INSERT INTO payments (tenant_id, enrollment_id, resident_id, amount, channel_code, paid_on, reference,
                              recorded_by_user_id, recorded_at, confirmed_by_user_id, confirmed_at, state)
        VALUES (p_tenant, p_enrollment, v_resident, p_amount, p_channel, p_paid_on, p_reference,
                p_user, p_now, CASE WHEN p_confirmed THEN p_user END, CASE WHEN p_confirmed THEN p_now END,
                CASE WHEN v_counting.id IS NOT NULL THEN 'refund_due'
                     WHEN p_confirmed THEN 'confirmed' ELSE 'unconfirmed' END)
        RETURNING id INTO v_payment;
        v_outcome := CASE WHEN v_counting.id IS NOT NULL THEN 'refund_due' ELSE 'recorded' END;
    END IF;

    PERFORM enrollment_refresh_payment_state(p_tenant, ARRAY[p_enrollment]);
    IF p_request THEN
        UPDATE payment_requests r SET payment_id = v_payment, outcome = v_outcome WHERE r.tenant_id = p_tenant AND r.id = v_request;
    END IF;
    RETURN QUERY SELECT v_outcome, v_payment;
END
$$;

-- Changes one payment's state: 'confirm' (unconfirmed → confirmed), 'reverse' (any unreversed → reversed; when the
-- counting payment goes, the oldest refund_due one of the enrollment counts instead), 'refund' (refund_due →
-- refunded). Returns the new state, 'not_found', or 'refused' when the payment is not in a state the change applies to.
CREATE FUNCTION payment_change(p_tenant integer, p_payment bigint, p_change text, p_reason text, p_user bigint, p_now timestamptz)
    RETURNS text
    LANGUAGE plpgsql AS
$$
DECLARE
    v_enrollment bigint;
    v_state text;
    v_promoted bigint;
BEGIN
    SELECT p.enrollment_id INTO v_enrollment FROM payments p WHERE p.tenant_id = p_tenant AND p.id = p_payment;
    IF v_enrollment IS NULL THEN
        RETURN 'not_found';
    END IF;
    PERFORM 1 FROM enrollments e WHERE e.tenant_id = p_tenant AND e.id = v_enrollment FOR UPDATE;
    SELECT p.state INTO v_state FROM payments p WHERE p.tenant_id = p_tenant AND p.id = p_payment;

    IF p_change = 'confirm' AND v_state = 'unconfirmed' THEN
        UPDATE payments p SET state = 'confirmed', confirmed_at = p_now, confirmed_by_user_id = p_user
        WHERE p.tenant_id = p_tenant AND p.id = p_payment;
    ELSIF p_change = 'reverse' AND v_state IN ('confirmed', 'unconfirmed', 'refund_due') THEN
        UPDATE payments p SET state = 'reversed', reversed_at = p_now, reversed_by_user_id = p_user, reversal_reason = p_reason
        WHERE p.tenant_id = p_tenant AND p.id = p_payment;
        IF v_state IN ('confirmed', 'unconfirmed') THEN
            SELECT p.id INTO v_promoted FROM payments p
            WHERE p.tenant_id = p_tenant AND p.enrollment_id = v_enrollment AND p.state = 'refund_due'
            ORDER BY p.id LIMIT 1;
            -- Money received twice was confirmed by its channel when it arrived; it now counts.
            UPDATE payments p SET state = 'confirmed', confirmed_at = coalesce(p.confirmed_at, p_now)
            WHERE p.tenant_id = p_tenant AND p.id = v_promoted;
        END IF;
    ELSIF p_change = 'refund' AND v_state = 'refund_due' THEN
        UPDATE payments p SET state = 'refunded', refunded_at = p_now WHERE p.tenant_id = p_tenant AND p.id = p_payment;
    ELSE
        RETURN 'refused';
    END IF;
    PERFORM enrollment_refresh_payment_state(p_tenant, ARRAY[v_enrollment]);
    SELECT p.state INTO v_state FROM payments p WHERE p.tenant_id = p_tenant AND p.id = p_payment;
    RETURN v_state;
END
$$;

-- 政府代缴: a government payment, dated p_paid_on, for every unpaid enrollment of the campaign whose quote leaves the
-- resident nothing to pay (the subsidy is the whole contribution). Idempotent: an enrollment with any counting or
-- waiting payment is left alone. Returns the number of payments written.
CREATE FUNCTION payment_government_all(p_tenant integer, p_campaign bigint, p_paid_on date, p_user bigint, p_now timestamptz)
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    v_ids bigint[];
BEGIN
    WITH due AS (
        SELECT e.id, e.resident_id, e.quote_subsidy FROM enrollments e
        WHERE e.tenant_id = p_tenant AND e.campaign_id = p_campaign AND e.status = 'registered'
          AND e.quote_payable = 0 AND e.quote_subsidy > 0
        FOR UPDATE
    ), made AS (
        INSERT INTO payments (tenant_id, enrollment_id, resident_id, amount, channel_code, paid_on, reference,
                              recorded_by_user_id, recorded_at, confirmed_by_user_id, confirmed_at, state)
        SELECT p_tenant, d.id, d.resident_id, d.quote_subsidy, 'government_direct', p_paid_on, NULL,
               p_user, p_now, p_user, p_now, 'confirmed'
        FROM due d
        RETURNING enrollment_id
    )
    SELECT array_agg(enrollment_id) INTO v_ids FROM made;
    IF v_ids IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM enrollment_refresh_payment_state(p_tenant, v_ids);
    RETURN cardinality(v_ids);
END
$$;

GRANT EXECUTE ON FUNCTION payment_record(integer, bigint, text, text, date, numeric, boolean, bigint, timestamptz, boolean,
                                         bigint, text, numeric, date, boolean, bigint) TO enrollment_app;
GRANT EXECUTE ON FUNCTION payment_change(integer, bigint, text, text, bigint, timestamptz) TO enrollment_app;
GRANT EXECUTE ON FUNCTION payment_government_all(integer, bigint, date, bigint, timestamptz) TO enrollment_app;
