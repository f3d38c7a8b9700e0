using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Quoting;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// What a policy change would do to the residents enrolled in the campaign (new minus current). The subsidy delta
/// is split by who bears it: the county (市（县）财政) and the townships (镇街财政). <see cref="UnpaidChanged"/> of
/// the <see cref="Changed"/> have not paid yet: saving rewrites their stored quote (<see cref="QuoteSnapshotRefresh"/>);
/// the paid keep the quote they paid by. <see cref="Unpaid"/> is every unpaid enrollment the new policy can quote,
/// all of which get the new version's snapshot.
/// </summary>
public sealed record ImpactSummary(
    int Enrolled, int Changed, int Failed, decimal PayableDelta, decimal SubsidyDelta, decimal CountyDelta, decimal TownshipDelta,
    int Unpaid = 0, int UnpaidChanged = 0)
{
    /// <summary>The sentence the preview shows under the changed count.</summary>
    public string RequoteNote => string.Create(CultureInfo.InvariantCulture, $"其中未缴费 {UnpaidChanged} 人的核定金额将按新政策更新");
}

/// <summary>
/// Re-quotes every enrollment of a campaign under the current and the proposed policy, with the same inputs
/// (ID, certifications for the campaign, history, township, the date of the first confirmed payment or today
/// for those not paid yet), and adds up the differences. The inputs are streamed
/// (<see cref="EnrollmentQuoteInputs"/>), so memory does not grow with the county.
/// </summary>
internal static class ImpactPreview
{
    public static async Task<ImpactSummary> ComputeAsync(
        EnrollmentDbContext db, long campaignId, CompiledPolicy current, CompiledPolicy proposed, DateOnly today, CancellationToken ct = default)
    {
        var townships = await EnrollmentQuoteInputs.TownshipNamesAsync(db, ct);
        var currentTownships = EnrollmentQuoteInputs.Resolve(townships, current);
        var proposedTownships = EnrollmentQuoteInputs.Resolve(townships, proposed);

        int enrolled = 0, changed = 0, failed = 0, unpaid = 0, unpaidChanged = 0;
        decimal payable = 0, subsidy = 0, county = 0, township = 0;
        await foreach (var e in EnrollmentQuoteInputs.ReadAsync(db, campaignId, unpaidOnly: false, ct: ct))
        {
            enrolled++;
            if (!e.IdValid)
            {
                failed++;
                continue;
            }
            var date = e.FirstPaidOn ?? today;
            current.Quote(new QuoteRequest(e.Citizen, e.Categories, e.History, e.GapYears, date, currentTownships.GetValueOrDefault(e.TownshipId, TownshipRef.None)), out var before);
            proposed.Quote(new QuoteRequest(e.Citizen, e.Categories, e.History, e.GapYears, date, proposedTownships.GetValueOrDefault(e.TownshipId, TownshipRef.None)), out var after);
            if (e.FirstPaidOn is null && after.IsSuccess)
            {
                unpaid++;
            }
            if (!before.IsSuccess || !after.IsSuccess)
            {
                failed += before.IsSuccess != after.IsSuccess ? 1 : 0;
                continue;
            }
            if (before.Payable != after.Payable || before.Subsidy != after.Subsidy || before.CountyShare != after.CountyShare
                || before.CoverageStart != after.CoverageStart || before.Basis != after.Basis || before.Mode != after.Mode)
            {
                changed++;
                unpaidChanged += e.FirstPaidOn is null ? 1 : 0;
                payable += after.Payable - before.Payable;
                subsidy += after.Subsidy - before.Subsidy;
                county += after.CountyShare - before.CountyShare;
                township += after.TownshipShare - before.TownshipShare;
            }
        }
        return new ImpactSummary(enrolled, changed, failed, payable, subsidy, county, township, unpaid, unpaidChanged);
    }
}
