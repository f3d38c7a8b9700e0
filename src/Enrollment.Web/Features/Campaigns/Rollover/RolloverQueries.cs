using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Rollover;

/// <summary>The campaign a roster is carried over from: the year before, over the same area.</summary>
public sealed record RolloverSource(long Id, string Code, string Name, int PolicyYear);

/// <summary>What the campaign page shows about 结转 into a campaign: how many are enrolled, where from, the job.</summary>
public sealed record RolloverView(
    long CampaignId, string Code, string Name, int PolicyYear, CampaignStatus Status, RolloverSource? Source, int Enrolled, RolloverJob? Job)
{
    /// <summary>A roster is carried over into a campaign still being prepared or collected, from the year before.</summary>
    public bool CanRollOver => Source is not null && Status is CampaignStatus.Draft or CampaignStatus.Open;

    public bool Busy => Job?.Busy == true;
}

public sealed class RolloverQueries(UserDbContextFactory contexts, CurrentUser currentUser, RolloverJobs jobs)
{
    /// <summary>The roll-over view of campaign <paramref name="code"/> of the user's county, or null when there is none.</summary>
    public async Task<RolloverView?> ViewAsync(string code, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await ViewAsync(db, code, jobs, cancellationToken);
    }

    internal static async Task<RolloverView?> ViewAsync(EnrollmentDbContext db, string code, RolloverJobs jobs, CancellationToken cancellationToken)
    {
        if (!CampaignCodes.IsWellFormed(code))
        {
            return null;
        }
        var target = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (target is null || db.Tenant.TenantId is not { } tenantId)
        {
            return null;
        }
        // The year before, over the same area (the county, or the same township for a township campaign).
        var source = await db.Campaigns.AsNoTracking()
            .Where(c => c.PolicyYear == target.PolicyYear - 1 && c.JurisdictionId == target.JurisdictionId)
            .OrderBy(c => c.Code).Select(c => new RolloverSource(c.Id, c.Code, c.Name, c.PolicyYear)).FirstOrDefaultAsync(cancellationToken);
        var enrolled = await db.Enrollments.CountAsync(e => e.CampaignId == target.Id, cancellationToken);
        return new RolloverView(target.Id, target.Code, target.Name, target.PolicyYear, target.Status, source, enrolled,
            jobs.Latest(tenantId, target.Id));
    }
}
