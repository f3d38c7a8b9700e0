using Enrollment.Data.Entities;
using Enrollment.Data.Quoting;
using Enrollment.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Payments;

/// <summary>The unpaid enrollments a subsidy pays in full on a date, and what the government pays for them.</summary>
public sealed record FullySubsidised(IReadOnlyList<long> EnrollmentIds, decimal Subsidy);

/// <summary>
/// 政府代缴 by the rules: who owes nothing is decided by quoting each unpaid enrollment with the campaign's policy on
/// the payment day (a stored quote may be missing or older), not by the stored snapshot alone.
/// </summary>
public static partial class PaymentService
{
    /// <summary>The campaign's registered (nothing paid, nothing waiting) enrollments the rules leave nothing to pay on <paramref name="on"/>.</summary>
    public static async Task<FullySubsidised> FindFullySubsidisedAsync(
        EnrollmentDbContext db, long campaignId, CompiledPolicy policy, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policy);
        var townships = EnrollmentQuoteInputs.Resolve(await EnrollmentQuoteInputs.TownshipNamesAsync(db, ct), policy);
        var found = new Dictionary<long, decimal>();
        await foreach (var e in EnrollmentQuoteInputs.ReadAsync(db, campaignId, unpaidOnly: true, ct: ct))
        {
            if (!e.IdValid)
            {
                continue;
            }
            policy.Quote(new QuoteRequest(e.Citizen, e.Categories, e.History, e.GapYears, on, townships.GetValueOrDefault(e.TownshipId, TownshipRef.None)), out var quote);
            if (quote.IsSuccess && quote.Payable == 0 && quote.Subsidy > 0)
            {
                found[e.EnrollmentId] = quote.Subsidy;
            }
        }
        var candidates = found.Keys.ToArray();
        // Unpaid includes a hand entry waiting for confirmation; the government pays only for those with nothing recorded.
        var registered = await db.Enrollments.AsNoTracking().Where(x => candidates.Contains(x.Id) && x.Status == EnrollmentStatus.Registered)
            .Select(x => x.Id).ToListAsync(ct);
        return new FullySubsidised(registered, registered.Sum(id => found[id]));
    }

    /// <summary>
    /// Re-quotes the fully subsidised enrollments on <paramref name="paidOn"/> (their snapshot is what the government
    /// pays by) and records the government payment for them, in the caller's transaction. Idempotent: a second run
    /// finds nobody unpaid and writes nothing. Returns the number of payments written.
    /// </summary>
    public static async Task<int> PayFullySubsidisedByRulesAsync(
        EnrollmentDbContext db, long campaignId, CompiledPolicy policy, int policyVersion, DateOnly paidOn, DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = await FindFullySubsidisedAsync(db, campaignId, policy, paidOn, ct);
        if (due.EnrollmentIds.Count > 0)
        {
            var ids = due.EnrollmentIds.ToArray();
            var residents = await db.Enrollments.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => x.ResidentId).ToListAsync(ct);
            await QuoteSnapshotRefresh.ApplyAsync(db, campaignId, policy, policyVersion, "政府代缴：按代缴日期重新计算应缴金额", paidOn, now, residents, ct);
        }
        return await PayFullySubsidisedAsync(db, campaignId, paidOn, now, ct);
    }
}
