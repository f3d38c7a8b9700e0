using Enrollment.Data;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>
/// The sheets a user may see, in one query: open sheets are the collectors' village cash not yet on a received sheet,
/// grouped by collector, village and payment day; received sheets are their frozen rows. A township clerk and the
/// county (who confirm payments) see every sheet of their subtree; a collector sees only their own. Newest day first,
/// then townships and villages in official order.
/// </summary>
internal static class HandoverSheetList
{
    private const string Sheets = """
        WITH open_cash AS (
            SELECT p.recorded_by_user_id AS collector, r.village_id, p.paid_on AS day,
                   count(*) FILTER (WHERE p.state <> 'reversed') AS n,
                   coalesce(sum(p.amount) FILTER (WHERE p.state <> 'reversed'), 0) AS total,
                   count(*) FILTER (WHERE p.state = 'reversed') AS reversed
            FROM payments p JOIN residents r ON r.tenant_id = p.tenant_id AND r.id = p.resident_id
            WHERE p.tenant_id = @tenant AND p.channel_code = 'village_collection' AND p.handover_sheet_id IS NULL
              AND p.recorded_by_user_id IS NOT NULL
            GROUP BY 1, 2, 3
        ), sheets AS (
            SELECT o.collector, o.village_id, o.day,
                   coalesce((SELECT max(h.number) FROM handover_sheets h WHERE h.tenant_id = @tenant AND h.collector_user_id = o.collector
                             AND h.village_id = o.village_id AND h.collected_on = o.day), 0) + 1 AS number,
                   o.n, o.total, o.reversed, NULL::timestamptz AS received_at, NULL::bigint AS received_by
            FROM open_cash o
            UNION ALL
            SELECT h.collector_user_id, h.village_id, h.collected_on, h.number, h.payment_count, h.total,
                   (SELECT count(*) FROM payments p WHERE p.tenant_id = h.tenant_id AND p.handover_sheet_id = h.id AND p.state = 'reversed'),
                   h.received_at, h.received_by_user_id
            FROM handover_sheets h WHERE h.tenant_id = @tenant
        )
        SELECT s.collector AS "CollectorUserId", s.village_id AS "VillageId", s.day AS "CollectedOn", s.number AS "Number",
               s.n::integer AS "Count", s.total AS "Total", s.reversed::integer AS "Reversed", s.received_at AS "ReceivedAt",
               c.display_name AS "Collector", rb.display_name AS "ReceivedBy", v.name AS "Village", coalesce(t.name, '') AS "Township",
               count(*) OVER ()::integer AS "TotalRows"
        FROM sheets s
        JOIN jurisdictions v ON v.tenant_id = @tenant AND v.id = s.village_id
        LEFT JOIN jurisdictions t ON t.tenant_id = @tenant AND t.id = NULLIF(split_part(v.path, '/', 3), '')::bigint
        JOIN user_accounts c ON c.id = s.collector
        LEFT JOIN user_accounts rb ON rb.id = s.received_by
        WHERE (@pattern::text IS NULL OR v.path LIKE @pattern)
          AND (@collector::bigint IS NULL OR s.collector = @collector)
          AND (@township::bigint IS NULL OR t.id = @township)
          AND (@received::boolean IS NULL OR (s.received_at IS NOT NULL) = @received)
          AND (@key_day::date IS NULL OR (s.collector = @key_collector AND s.village_id = @key_village AND s.day = @key_day AND s.number = @key_number))
        ORDER BY s.day DESC, t.display_order, t.name, v.display_order, v.name, c.display_name, s.collector, s.number
        OFFSET @skip LIMIT @take
        """;

    /// <summary>A row of the query (column names are the properties').</summary>
    internal sealed class SheetSqlRow
    {
        public long CollectorUserId { get; set; }
        public long VillageId { get; set; }
        public DateOnly CollectedOn { get; set; }
        public int Number { get; set; }
        public int Count { get; set; }
        public decimal Total { get; set; }
        public int Reversed { get; set; }
        public DateTimeOffset? ReceivedAt { get; set; }
        public string Collector { get; set; } = "";
        public string? ReceivedBy { get; set; }
        public string Village { get; set; } = "";
        public string Township { get; set; } = "";
        public int TotalRows { get; set; }
    }

    public static async Task<GridPage<HandoverSheetRow>> PageAsync(
        EnrollmentDbContext db, SignedInUser user, HandoverFilter filter, GridRequest request, CancellationToken cancellationToken)
    {
        var received = filter.State switch
        {
            HandoverState.Open => false,
            HandoverState.Received => true,
            null => (bool?)null,
            _ => null,
        };
        var rows = await QueryAsync(db, user, filter.TownshipId, received, null, request.Skip, request.Size, cancellationToken);
        return new GridPage<HandoverSheetRow>([.. rows.Select(r => Row(r, user))], rows.FirstOrDefault()?.TotalRows ?? 0);
    }

    /// <summary>The one sheet of <paramref name="key"/> the user may see, or null.</summary>
    public static async Task<SheetSqlRow?> FindAsync(EnrollmentDbContext db, SignedInUser user, HandoverSheetKey key, CancellationToken cancellationToken) =>
        (await QueryAsync(db, user, null, null, key, 0, 1, cancellationToken)).SingleOrDefault();

    public static HandoverSheetRow Row(SheetSqlRow r, SignedInUser user) => new(
        new HandoverSheetKey(r.CollectorUserId, r.VillageId, r.CollectedOn, r.Number), r.Collector, r.Township, r.Village,
        r.Count, r.Total, r.Reversed, r.ReceivedAt, r.ReceivedBy, CanReceive(user, r));

    /// <summary>An open sheet of someone else's, for a user who confirms payments.</summary>
    public static bool CanReceive(SignedInUser user, SheetSqlRow r) =>
        r.ReceivedAt is null && user.Can(Operation.ConfirmPayments) && r.CollectorUserId != user.Id;

    private static Task<List<SheetSqlRow>> QueryAsync(
        EnrollmentDbContext db, SignedInUser user, long? township, bool? received, HandoverSheetKey? key, int skip, int take,
        CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.TenantId ?? throw new InvalidOperationException("Hand-over sheets are read for a tenant.");
        var pattern = db.Tenant.JurisdictionPath is { } path ? path + "%" : null;
        // A collector sees their own sheets only; the township and the county see every collector's of their subtree.
        long? collector = user.Can(Operation.ConfirmPayments) ? null : user.Id;
        object?[] parameters =
        [
            new NpgsqlParameter<int>("tenant", tenant),
            new NpgsqlParameter("pattern", NpgsqlDbType.Text) { Value = (object?)pattern ?? DBNull.Value },
            new NpgsqlParameter("collector", NpgsqlDbType.Bigint) { Value = (object?)collector ?? DBNull.Value },
            new NpgsqlParameter("township", NpgsqlDbType.Bigint) { Value = (object?)township ?? DBNull.Value },
            new NpgsqlParameter("received", NpgsqlDbType.Boolean) { Value = (object?)received ?? DBNull.Value },
            new NpgsqlParameter("key_collector", NpgsqlDbType.Bigint) { Value = (object?)key?.CollectorUserId ?? DBNull.Value },
            new NpgsqlParameter("key_village", NpgsqlDbType.Bigint) { Value = (object?)key?.VillageId ?? DBNull.Value },
            new NpgsqlParameter("key_day", NpgsqlDbType.Date) { Value = (object?)key?.CollectedOn ?? DBNull.Value },
            new NpgsqlParameter("key_number", NpgsqlDbType.Integer) { Value = (object?)key?.Number ?? DBNull.Value },
            new NpgsqlParameter<int>("skip", skip),
            new NpgsqlParameter<int>("take", take),
        ];
        return db.Database.SqlQueryRaw<SheetSqlRow>(Sheets, parameters!).ToListAsync(cancellationToken);
    }
}
