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
/// campaign's current policy for today, so the clerk sees the amount due straight away. The roll-over's own statement
/// and the policy save's re-quote do the work, narrowed to these residents: one rule for history and one for
/// quoting, whichever way a person arrives. Set-based, so an import of 100,000 people costs a few statements.
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
        var created = 0L;
        var quotable = new List<(Campaign Campaign, CompiledPolicy Policy, int Version)>();
        foreach (var campaign in open)
        {
            var area = campaign.JurisdictionId is { } jurisdictionId
                ? await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]).Where(j => j.Id == jurisdictionId)
                    .Select(j => j.Path + "%").SingleAsync(ct)
                : null;
            var made = await EnrollmentRollover.RunAsync(transaction.Connection!, transaction, tenantId, campaign, area, db.Tenant.UserId, now, ids, stated, ct);
            var count = made.Continuing + made.FirstTime + made.Interrupted;
            created += count;
            if (count > 0)
            {
                db.AuditLog.Add(Audit(db, campaign, ids.Length, made, now));
            }
            // A campaign whose policy does not compile cannot quote; its enrollments wait for the next valid version.
            if (campaign.CurrentPolicy() is { } version && PolicyLoader.Load(version.Document).Policy is { } policy)
            {
                quotable.Add((campaign, policy, version.Version));
            }
        }
        foreach (var (campaign, policy, version) in quotable)
        {
            await QuoteSnapshotRefresh.ApplyAsync(db, campaign.Id, policy, version, QuoteReason, today, now, ids, ct);
        }
        await db.SaveChangesAsync(ct);
        return (int)created;
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
