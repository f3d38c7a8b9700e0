using System.Data.Common;
using System.Runtime.CompilerServices;
using Enrollment.Data;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Data.Quoting;

/// <summary>
/// One enrollment's quote inputs: the ID, the campaign's certifications, history, the township (by id), and the
/// date of the counting payment (null while unpaid). <see cref="IdValid"/> is false when the
/// stored number does not parse (it cannot be quoted).
/// </summary>
public readonly record struct EnrollmentQuoteInput(
    long EnrollmentId, bool IdValid, CitizenId Citizen, CertifiedCategories Categories, EnrollmentHistory History,
    int GapYears, long TownshipId, DateOnly? FirstPaidOn);

/// <summary>
/// Streams the quote inputs of every non-cancelled enrollment of a campaign with one SQL query read row by row
/// (1.4 million enrollments in 滕州: loading them as entities took hundreds of MB). It runs on the context's own
/// connection, so the tenant interceptor has set <c>app.tenant_id</c> and row-level security applies; the query
/// repeats the context's tenant and jurisdiction filters, which raw SQL does not get by itself.
/// "Paid": <c>enrollment_is_paid(status)</c>, the one definition the payment functions keep.
/// </summary>
public static class EnrollmentQuoteInputs
{
    // Certifications come as two parallel arrays (code, first-certified date); ~1 in 10 residents has any.
    // The township is the second element of the village's path (/county/township/…/), as CampaignProgress.AncestorAt.
    private const string Sql = """
        WITH certified AS (
            SELECT c.resident_id, array_agg(c.category_code) AS codes, array_agg(c.first_certified_on) AS dates
            FROM certifications c
            WHERE c.tenant_id = $1 AND c.campaign_id = $2 AND ($5::bigint[] IS NULL OR c.resident_id = ANY($5))
            GROUP BY c.resident_id
        )
        SELECT e.id, r.citizen_id,
               CASE e.history WHEN 'continuing' THEN 0 WHEN 'first_time' THEN 1 WHEN 'interrupted' THEN 2 END,
               e.gap_years,
               NULLIF(split_part(v.path, '/', 3), '')::bigint,
               CASE WHEN enrollment_is_paid(e.status) THEN e.paid_on END, certified.codes, certified.dates
        FROM enrollments e
        JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        LEFT JOIN certified ON certified.resident_id = e.resident_id
        WHERE e.tenant_id = $1 AND e.campaign_id = $2 AND e.status <> 'cancelled'
          AND ($3::text IS NULL OR v.path LIKE $3)
          AND (NOT $4 OR NOT enrollment_is_paid(e.status))
          AND ($5::bigint[] IS NULL OR e.resident_id = ANY($5))
        """;

    // Measured on a generated 滕州 (docs/performance.md): with hash joins the three 1.4-million-row joins cost
    // 5–6 s of server CPU; walking the primary keys and the payments/certifications indexes in order with merge
    // joins and streaming aggregates costs ~2 s. The planner prefers hashing on its estimates, so the read
    // steers it, for this transaction only (reset afterwards, so the caller's later statements plan normally).
    // work_mem keeps the one remaining sort (enrollments by resident) in memory.
    private const string PlanFor1_4Million = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_hashagg = off; SET LOCAL work_mem = '64MB'";

    /// <summary>
    /// The rows, in no particular order. With <paramref name="unpaidOnly"/> only enrollments without a confirmed
    /// payment; with <paramref name="residentIds"/> only those residents' (a registration, an import). Opens (and
    /// closes) the context's connection unless it is already open, e.g. in a transaction.
    /// </summary>
    public static async IAsyncEnumerable<EnrollmentQuoteInput> ReadAsync(
        EnrollmentDbContext db, long campaignId, bool unpaidOnly, IReadOnlyCollection<long>? residentIds = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var tenantId = db.Tenant.TenantId ?? throw new InvalidOperationException("Quote inputs are read for a tenant.");
        await db.Database.OpenConnectionAsync(ct);
        // The planner settings below are transaction-local: without the caller's transaction, a read-only one of our own.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            // A few residents are found through the indexes; only the whole campaign needs the steering.
            if (residentIds is null)
            {
                await ExecuteAsync(connection, transaction, PlanFor1_4Million, ct);
            }
            // The first row comes after the sort of the whole campaign; on a busy server that can pass Npgsql's 30 s.
            await using (var command = new NpgsqlCommand(Sql, connection, transaction) { CommandTimeout = QuoteSnapshotRefresh.LongCommandSeconds })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
                command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
                // Residents named by the caller were just registered or moved by it (an approved transfer takes a
                // person out of the decider's scope), so only the tenant wall applies to them.
                var scope = residentIds is null && db.Tenant.JurisdictionPath is { } path ? path + "%" : null;
                command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = scope, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = unpaidOnly });
                command.Parameters.Add(new NpgsqlParameter<long[]?> { TypedValue = residentIds?.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
                await foreach (var input in RowsAsync(command, ct))
                {
                    yield return input;
                }
            }
            if (residentIds is null)
            {
                await ExecuteAsync(connection, transaction, "RESET enable_hashjoin; RESET enable_hashagg; RESET work_mem", ct);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    // Registration's plan (RegistrationEnrollment) before its enrollments exist: keyed by resident, no payments yet.
    private const string PlannedSql = """
        WITH certified AS (
            SELECT c.resident_id, array_agg(c.category_code) AS codes, array_agg(c.first_certified_on) AS dates
            FROM certifications c JOIN registration_plan p ON p.resident_id = c.resident_id
            WHERE c.tenant_id = $1 AND c.campaign_id = $2
            GROUP BY c.resident_id
        )
        SELECT p.resident_id, r.citizen_id,
               CASE p.history WHEN 'continuing' THEN 0 WHEN 'first_time' THEN 1 WHEN 'interrupted' THEN 2 END,
               p.gap_years,
               NULLIF(split_part(v.path, '/', 3), '')::bigint,
               NULL::date, certified.codes, certified.dates
        FROM registration_plan p
        JOIN residents r ON r.tenant_id = $1 AND r.id = p.resident_id
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        LEFT JOIN certified ON certified.resident_id = p.resident_id
        """;

    /// <summary>
    /// The quote inputs of the enrollments a registration is about to insert (the temporary registration_plan, in
    /// the caller's transaction), with the resident's id in <see cref="EnrollmentQuoteInput.EnrollmentId"/>.
    /// </summary>
    internal static async IAsyncEnumerable<EnrollmentQuoteInput> ReadPlannedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int tenantId, long campaignId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PlannedSql, connection, transaction) { CommandTimeout = QuoteSnapshotRefresh.LongCommandSeconds };
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        await foreach (var input in RowsAsync(command, ct))
        {
            yield return input;
        }
    }

    private static async IAsyncEnumerable<EnrollmentQuoteInput> RowsAsync(NpgsqlCommand command, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var id = new char[32];
        while (await reader.ReadAsync(ct))
        {
            // The ID is copied into a reused buffer: no string per row.
            var length = (int)reader.GetChars(1, 0, id, 0, id.Length);
            var valid = CitizenId.TryParse(id.AsSpan(0, length), out var citizen, out _);
            yield return new EnrollmentQuoteInput(
                reader.GetInt64(0), valid, citizen, Categories(reader), History(reader.GetInt32(2)), reader.GetInt32(3),
                reader.IsDBNull(4) ? 0 : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Township id → its name, for <see cref="CompiledPolicy.ResolveTownship"/>: every township of the tenant, also for
    /// a village collector whose own scope holds no township (the names are not private; the quote needs its township).
    /// </summary>
    public static Task<Dictionary<long, string>> TownshipNamesAsync(EnrollmentDbContext db, CancellationToken ct = default) =>
        db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]).AsNoTracking().Where(j => j.Level == Data.Entities.JurisdictionLevel.Township)
            .ToDictionaryAsync(j => j.Id, j => j.Name, ct);

    /// <summary>The township index of every township for <paramref name="policy"/>, resolved once, not per row.</summary>
    public static Dictionary<long, int> Resolve(Dictionary<long, string> townships, CompiledPolicy policy) =>
        townships.ToDictionary(t => t.Key, t => policy.ResolveTownship(t.Value));

    private static CertifiedCategories Categories(DbDataReader reader)
    {
        var categories = default(CertifiedCategories);
        if (reader.IsDBNull(6))
        {
            return categories;
        }
        var codes = reader.GetFieldValue<string[]>(6);
        var dates = reader.GetFieldValue<DateOnly?[]>(7);
        for (var i = 0; i < codes.Length; i++)
        {
            // An unknown or age-band code is ignored, as the preview always did: it cannot be a certification.
            if (BasisCodes.TryParse(codes[i], out var code))
            {
                categories.TryAdd(code, dates[i], out _);
            }
        }
        return categories;
    }

    private static EnrollmentHistory History(int code) => code switch
    {
        0 => EnrollmentHistory.Continuing,
        1 => EnrollmentHistory.FirstTime,
        2 => EnrollmentHistory.Interrupted,
        _ => throw new InvalidOperationException($"Unknown enrollment history code {code}."),
    };
}
