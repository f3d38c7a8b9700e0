using Enrollment.Data;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Web.Features.Refunds;

/// <summary>
/// The double payments of the user's subtree (the county: all), townships and villages in official order, oldest
/// first within a village. Money counted for an enrollment never appears here: only refund_due and refunded payments.
/// </summary>
internal static class RefundList
{
    private const string Refunds = """
        SELECT p.id AS "PaymentId", coalesce(t.name, '') AS "Township", v.name AS "Village", r.name AS "Name", r.citizen_id AS "CitizenId",
               p.amount AS "Amount", coalesce(ch.name, p.channel_code) AS "Channel", p.reference AS "Reference", p.paid_on AS "PaidOn",
               p.state AS "State", p.refund_approved_at AS "ApprovedAt", ab.display_name AS "ApprovedBy",
               p.refunded_on AS "RefundedOn", p.refunded_at AS "RefundedAt", rb.display_name AS "RefundedBy",
               count(*) OVER ()::integer AS "TotalRows"
        FROM payments p
        JOIN residents r ON r.tenant_id = p.tenant_id AND r.id = p.resident_id
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        LEFT JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND t.id = NULLIF(split_part(v.path, '/', 3), '')::bigint
        LEFT JOIN payment_channels ch ON ch.code = p.channel_code
        LEFT JOIN user_accounts ab ON ab.id = p.refund_approved_by_user_id
        LEFT JOIN user_accounts rb ON rb.id = p.refunded_by_user_id
        WHERE p.tenant_id = @tenant AND p.state IN ('refund_due', 'refunded')
          AND (@pattern::text IS NULL OR v.path LIKE @pattern)
          AND (@township::bigint IS NULL OR t.id = @township)
          AND (@state::text IS NULL
               OR (@state = 'due' AND p.state = 'refund_due' AND p.refund_approved_at IS NULL)
               OR (@state = 'approved' AND p.state = 'refund_due' AND p.refund_approved_at IS NOT NULL)
               OR (@state = 'refunded' AND p.state = 'refunded'))
        ORDER BY t.display_order, t.name, v.display_order, v.name, p.id
        OFFSET @skip LIMIT @take
        """;

    internal sealed class RefundSqlRow
    {
        public long PaymentId { get; set; }
        public string Township { get; set; } = "";
        public string Village { get; set; } = "";
        public string Name { get; set; } = "";
        public string CitizenId { get; set; } = "";
        public decimal Amount { get; set; }
        public string Channel { get; set; } = "";
        public string? Reference { get; set; }
        public DateOnly PaidOn { get; set; }
        public string State { get; set; } = "";
        public DateTimeOffset? ApprovedAt { get; set; }
        public string? ApprovedBy { get; set; }
        public DateOnly? RefundedOn { get; set; }
        public DateTimeOffset? RefundedAt { get; set; }
        public string? RefundedBy { get; set; }
        public int TotalRows { get; set; }
    }

    public static async Task<GridPage<RefundRow>> PageAsync(
        EnrollmentDbContext db, SignedInUser user, RefundFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.TenantId ?? throw new InvalidOperationException("Refunds are read for a tenant.");
        var pattern = db.Tenant.JurisdictionPath is { } path ? path + "%" : null;
        string? state = filter.State switch
        {
            RefundState.Due => "due",
            RefundState.Approved => "approved",
            RefundState.Refunded => "refunded",
            null => null,
            _ => "none",
        };
        object[] parameters =
        [
            new NpgsqlParameter<int>("tenant", tenant),
            new NpgsqlParameter("pattern", NpgsqlDbType.Text) { Value = (object?)pattern ?? DBNull.Value },
            new NpgsqlParameter("township", NpgsqlDbType.Bigint) { Value = (object?)filter.TownshipId ?? DBNull.Value },
            new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value },
            new NpgsqlParameter<int>("skip", skip),
            new NpgsqlParameter<int>("take", take),
        ];
        var rows = await db.Database.SqlQueryRaw<RefundSqlRow>(Refunds, parameters).ToListAsync(cancellationToken);
        var manages = user.Can(Operation.ManageRefunds);
        return new GridPage<RefundRow>([.. rows.Select(r =>
        {
            var refundState = r.State == "refunded" ? RefundState.Refunded : r.ApprovedAt is null ? RefundState.Due : RefundState.Approved;
            return new RefundRow(
                r.PaymentId, r.Township, r.Village, r.Name, CitizenIdMask.Mask(r.CitizenId), r.Amount, r.Channel, r.Reference, r.PaidOn,
                refundState, r.ApprovedAt, r.ApprovedBy, r.RefundedOn, r.RefundedAt, r.RefundedBy,
                CanApprove: manages && refundState == RefundState.Due, CanRefund: manages && refundState == RefundState.Approved);
        })], rows.FirstOrDefault()?.TotalRows ?? 0);
    }
}
