using System.Text.Json.Nodes;
using Enrollment.Data.Entities;
using Enrollment.Data.Quoting;
using Enrollment.Data.Rollover;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using EnrollmentHistory = Enrollment.Data.Entities.EnrollmentHistory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Data.Enrolling;

/// <summary>
/// Registering a resident (by hand, by import, by an approved transfer) enrols them at once (参保登记) in every open
/// campaign whose area holds their village, with the history the roll-over would give them and the quote of the
/// campaign's current policy for today, so the clerk sees the amount due straight away. The roll-over's candidates
/// decide the history and the policy save's re-quote staging quotes, narrowed to these residents: one rule for
/// history and one for quoting, whichever way a person arrives. Each new enrollment is inserted with its quote (one
/// write per row). Set-based, so an import of 100,000 people costs a few statements.
/// </summary>
public static class RegistrationEnrollment
{
    /// <summary>The reason written on the re-quote's audit row.</summary>
    public const string QuoteReason = "登记即参保";

    /// <summary>
    /// Runs inside the caller's transaction (the registration's), so the residents and their enrollments land
    /// together. Residents who are not active, or whose village no open campaign covers, get nothing. Enrollments
    /// that already exist are kept and their unpaid quote is brought up to date (a transfer changes the township).
    /// Returns the number of enrollments created.
    /// </summary>
    public static Task<int> EnrollAsync(
        EnrollmentDbContext db, IReadOnlyCollection<long> residentIds, DateOnly today, DateTimeOffset now, CancellationToken ct) =>
        EnrollAsync(db, residentIds, today, now, statedHistory: null, ct);

    /// <summary>
    /// As above, with the history the household register states for some residents (an import's 上年度是否参保): it
    /// counts only where the county's own records know no earlier year for the person, and it is in place before the
    /// quote, so each person is quoted once.
    /// </summary>
    public static async Task<int> EnrollAsync(
        EnrollmentDbContext db, IReadOnlyCollection<long> residentIds, DateOnly today, DateTimeOffset now,
        IReadOnlyDictionary<long, EnrollmentHistory>? statedHistory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(residentIds);
        if (residentIds.Count == 0)
        {
            return 0;
        }
        var tenantId = db.Tenant.TenantId ?? throw new InvalidOperationException("Enrolling needs a tenant: create the context with TenantContext.For(…).");
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Enrolling at registration runs inside the registration's transaction.");
        var ids = residentIds.Distinct().ToArray();
        string?[]? stated = statedHistory is null ? null : [.. ids.Select(id => statedHistory.TryGetValue(id, out var h) ? HistoryCode(h) : null)];

        var open = await db.Campaigns.AsNoTracking().Include(c => c.PolicyVersions)
            .Where(c => c.Status == CampaignStatus.Open).OrderBy(c => c.Id).ToListAsync(ct);
        var connection = transaction.Connection!;
        var created = 0L;
        var requote = new List<(Campaign Campaign, CompiledPolicy Policy, int Version, long[] Enrolled)>();
        foreach (var campaign in open)
        {
            var area = campaign.JurisdictionId is { } jurisdictionId
                ? await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]).Where(j => j.Id == jurisdictionId)
                    .Select(j => j.Path + "%").SingleAsync(ct)
                : null;
            // A campaign whose policy does not compile cannot quote; its enrollments wait for the next valid version.
            var current = campaign.CurrentPolicy() is { } version && PolicyLoader.Load(version.Document).Policy is { } compiled
                ? (Policy: compiled, version.Version) : ((CompiledPolicy Policy, int Version)?)null;
            var (planned, enrolled) = await PlanAsync(connection, transaction, tenantId, campaign, area, db.Tenant.UserId, now, ids, stated, ct);
            if (planned > 0)
            {
                await QuoteSnapshotRefresh.StageAsync(db, connection, transaction, current?.Policy, current?.Version ?? 0, today,
                    EnrollmentQuoteInputs.ReadPlannedAsync(connection, transaction, tenantId, campaign.Id, ct), ct);
                var (made, quoted) = await InsertAsync(connection, transaction, tenantId, campaign.Id, db.Tenant.UserId, now, current?.Version, ct);
                var count = made.Continuing + made.FirstTime + made.Interrupted;
                created += count;
                if (count > 0)
                {
                    db.AuditLog.Add(Audit(db, campaign, ids.Length, made, now));
                }
                if (current is { } policy && quoted.Count > 0)
                {
                    db.AuditLog.Add(QuoteSnapshotRefresh.Summary(db, campaign.Id, policy.Version, QuoteReason, today, now, quoted, (int)(count - quoted.Count)));
                }
            }
            if (current is { } requotable && enrolled.Length > 0)
            {
                requote.Add((campaign, requotable.Policy, requotable.Version, enrolled));
            }
        }
        foreach (var (campaign, policy, version, enrolled) in requote)
        {
            await QuoteSnapshotRefresh.ApplyAsync(db, campaign.Id, policy, version, QuoteReason, today, now, enrolled, ct);
        }
        await db.SaveChangesAsync(ct);
        return (int)created;
    }

    /// <summary>Who of <paramref name="ids"/> gets a new enrollment (into registration_plan), and who already had one.</summary>
    private static async Task<(long Planned, long[] Enrolled)> PlanAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int tenantId, Campaign campaign, string? area, long? userId,
        DateTimeOffset now, long[] ids, string?[]? stated, CancellationToken ct)
    {
        foreach (var sql in RegistrationEnrollmentSql.CreatePlan)
        {
            await using var create = new NpgsqlCommand(sql, connection, transaction);
            await create.ExecuteNonQueryAsync(ct);
        }
        long planned;
        long[] enrolled;
        await using (var command = new NpgsqlCommand(RegistrationEnrollmentSql.Plan, connection, transaction) { CommandTimeout = 0 })
        {
            EnrollmentRollover.AddParameters(command, tenantId, campaign, area, userId, now, ids, stated);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            planned = reader.GetInt64(0);
            enrolled = reader.GetFieldValue<long[]>(1);
        }
        // Statistics for the quote read's and the insert's joins: a freshly filled temporary table has none.
        await using (var analyze = new NpgsqlCommand(RegistrationEnrollmentSql.AnalyzePlan, connection, transaction))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }
        return (planned, enrolled);
    }

    /// <summary>The planned enrollments, each with its staged quote: one write per row.</summary>
    private static async Task<(RolloverResult Made, QuoteSnapshotRefresh.Totals Quoted)> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int tenantId, long campaignId, long? userId, DateTimeOffset now,
        int? policyVersion, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RegistrationEnrollmentSql.Insert, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)policyVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var made = new RolloverResult { Continuing = reader.GetInt64(0), FirstTime = reader.GetInt64(1), Interrupted = reader.GetInt64(2) };
        var none = new QuoteSnapshotRefresh.Money(0, 0, 0, 0);
        var quoted = new QuoteSnapshotRefresh.Totals(reader.GetInt32(3), 0, none,
            new QuoteSnapshotRefresh.Money(reader.GetDecimal(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7)));
        return (made, quoted);
    }

    /// <summary>A stated history as the statement stores it; an interruption needs a gap the register does not state.</summary>
    private static string? HistoryCode(EnrollmentHistory history) => history switch
    {
        EnrollmentHistory.Continuing => "continuing",
        EnrollmentHistory.FirstTime => "first_time",
        EnrollmentHistory.Interrupted => null,
    };

    /// <summary>The raw insert bypasses the audit interceptor: one row says what it created.</summary>
    private static AuditEntry Audit(EnrollmentDbContext db, Campaign campaign, int residents, RolloverResult made, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        ActorUserId = db.Tenant.UserId,
        Actor = db.Tenant.Actor,
        Entity = "enrollments",
        EntityKey = new JsonObject { ["campaign_id"] = campaign.Id, ["registration"] = true }.ToJsonString(),
        Action = AuditAction.Insert,
        After = new JsonObject
        {
            ["residents"] = residents,
            ["continuing"] = made.Continuing,
            ["first_time"] = made.FirstTime,
            ["interrupted"] = made.Interrupted,
        }.ToJsonString(),
    };
}
