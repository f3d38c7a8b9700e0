using Enrollment.Data.Payments;

namespace Enrollment.Data.Imports.Payments;

/// <summary>The statements of a payment file's check and commit; row-level security adds the tenant to every table read.</summary>
internal static class PaymentImportSql
{
    /// <summary>The file's campaign: id, state, policy year and current policy version.</summary>
    public const string Campaign = """
        SELECT c.id, c.status, c.policy_year, (SELECT max(pv.version) FROM campaign_policy_versions pv WHERE pv.campaign_id = c.id)
        FROM campaigns c WHERE c.code = $1
        """;

    public const string Channels = "SELECT code, name FROM payment_channels";

    /// <summary>Every payer of the file at once ($1 the normal-form IDs, $2 the campaign code), as the API reads one.</summary>
    public const string Residents = PaymentChecks.SelectResident + " WHERE r.citizen_id = ANY($1)";

    /// <summary>The idempotency records of the file's keys ($1 channels, $2 references, $3 IDs, side by side).</summary>
    public const string Requests = PaymentChecks.SelectRequest + "\n" + """
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(channel, reference, citizen)
          ON q.channel_code = k.channel AND q.reference = k.reference AND r.citizen_id = k.citizen
        """;

    /// <summary>
    /// The payment each key names: the one its idempotency record answered (a matched hand entry included), else one
    /// recorded under the same channel, reference and person another way (a clerk's entry). With its state, amount,
    /// campaign and whether a record exists (a key used by a payment without one conflicts with a new request).
    /// </summary>
    public const string Payments = """
        SELECT k.channel, k.reference, k.citizen, p.id, p.state, p.amount, p.paid_on, e.campaign_id, q.id IS NOT NULL
        FROM unnest($1::text[], $2::text[], $3::text[]) AS k(channel, reference, citizen)
        JOIN residents r ON r.citizen_id = k.citizen
        LEFT JOIN payment_requests q ON q.tenant_id = r.tenant_id AND q.channel_code = k.channel AND q.reference = k.reference AND q.resident_id = r.id
        JOIN payments p ON p.tenant_id = r.tenant_id AND p.id = coalesce(q.payment_id,
            (SELECT d.id FROM payments d WHERE d.tenant_id = r.tenant_id AND d.channel_code = k.channel AND d.reference = k.reference
                                           AND d.resident_id = r.id))
        JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
        """;

    /// <summary>The counting (or waiting) payment of each enrollment ($1), which decides matched and refund_due.</summary>
    public const string Counting = """
        SELECT p.enrollment_id, p.state, p.amount FROM payments p
        WHERE p.enrollment_id = ANY($1) AND p.state IN ('confirmed', 'unconfirmed')
        """;

    /// <summary>
    /// A correction row's reversal through the payment service's function, the payment found by its key when the
    /// statement runs — so a file may correct a row it recorded a moment earlier in the same transaction.
    /// ($1 tenant, $2 channel, $3 reference, $4 ID, $5 reason, $6 user, $7 time.)
    /// </summary>
    public const string Reverse = """
        SELECT payment_change($1, (
            SELECT coalesce(q.payment_id, d.id)
            FROM residents r
            LEFT JOIN payment_requests q ON q.tenant_id = r.tenant_id AND q.channel_code = $2 AND q.reference = $3 AND q.resident_id = r.id
            LEFT JOIN payments d ON d.tenant_id = r.tenant_id AND d.channel_code = $2 AND d.reference = $3 AND d.resident_id = r.id
            WHERE r.citizen_id = $4 LIMIT 1), 'reverse', $5, $6, $7)
        """;

    /// <summary>One audit row for the whole import (who, which file, how many of each outcome).</summary>
    public const string Audit = """
        SELECT append_audit(ARRAY[$1::integer], ARRAY[$2::timestamptz], ARRAY[$3::bigint], ARRAY[$4::text], ARRAY['payments'],
                            ARRAY[$5::text], ARRAY['insert'], ARRAY[NULL::text], ARRAY[$6::text])
        """;
}
