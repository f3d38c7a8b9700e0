using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Features.TrialQuote;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The impact preview as it was before it streamed (commit 0210a80): every enrollment, certification and payment
/// date loaded into memory. Kept only so <see cref="ImpactScaleMeasurement"/> can measure before and after on the
/// same data and machine load.
/// </summary>
internal static class ImpactPreviewBaseline
{
    public static async Task<ImpactSummary> ComputeAsync(
        EnrollmentDbContext db, long campaignId, CompiledPolicy current, CompiledPolicy proposed, DateOnly today, CancellationToken ct = default)
    {
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.Status != EnrollmentStatus.Cancelled)
            .Select(e => new { e.Id, e.ResidentId, e.History, e.GapYears, e.Resident!.CitizenId, VillagePath = e.Resident.Village!.Path })
            .ToListAsync(ct);
        var certifications = (await db.Certifications.AsNoTracking().Where(c => c.CampaignId == campaignId)
                .Select(c => new { c.ResidentId, c.CategoryCode, c.FirstCertifiedOn }).ToListAsync(ct))
            .ToLookup(c => c.ResidentId);
        var paidOn = await CampaignProgress.PaidEnrollments(db, campaignId)
            .Select(e => new { e.Id, e.PaidOn })
            .ToDictionaryAsync(g => g.Id, g => g.PaidOn!.Value, ct);
        var townships = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township)
            .ToDictionaryAsync(j => j.Id, j => j.Name, ct);

        int changed = 0, failed = 0;
        decimal payable = 0, subsidy = 0, county = 0, township = 0;
        foreach (var e in enrollments)
        {
            if (!CitizenId.TryParse(e.CitizenId, out var citizen, out _))
            {
                failed++;
                continue;
            }
            var categories = default(CertifiedCategories);
            foreach (var c in certifications[e.ResidentId])
            {
                if (BasisCodes.TryParse(c.CategoryCode, out var code))
                {
                    categories.TryAdd(code, c.FirstCertifiedOn, out _);
                }
            }
            var townshipName = CampaignProgress.AncestorAt(e.VillagePath, 1) is { } t ? townships.GetValueOrDefault(t) : null;
            var date = paidOn.TryGetValue(e.Id, out var d) ? d : today;
            var history = ResidentTrialQuery.ToDomain(e.History);
            var before = current.Quote(new QuoteRequest(citizen, categories, history, e.GapYears, date, current.ResolveTownship(townshipName)));
            var after = proposed.Quote(new QuoteRequest(citizen, categories, history, e.GapYears, date, proposed.ResolveTownship(townshipName)));
            if (!before.IsSuccess || !after.IsSuccess)
            {
                failed += before.IsSuccess != after.IsSuccess ? 1 : 0;
                continue;
            }
            if (before.Payable != after.Payable || before.Subsidy != after.Subsidy || before.CountyShare != after.CountyShare
                || before.CoverageStart != after.CoverageStart || before.Basis != after.Basis || before.Mode != after.Mode)
            {
                changed++;
                payable += after.Payable - before.Payable;
                subsidy += after.Subsidy - before.Subsidy;
                county += after.CountyShare - before.CountyShare;
                township += after.TownshipShare - before.TownshipShare;
            }
        }
        return new ImpactSummary(enrollments.Count, changed, failed, payable, subsidy, county, township);
    }
}
