using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Roster;

/// <summary>What the campaign page shows about a campaign's roster: how many are enrolled, where it can roll over from, the job.</summary>
public sealed record RosterView(Campaign Target, Campaign? Source, int Enrolled, RosterJob? Job)
{
    /// <summary>A roster is built for a campaign still being prepared or collected, from the year before.</summary>
    public bool CanRollOver => Source is not null && Target.Status is CampaignStatus.Draft or CampaignStatus.Open;

    public bool Busy => Job?.State is RosterJobState.Queued or RosterJobState.Running;
}

internal static class RosterQuery
{
    /// <summary>The roster view of campaign <paramref name="code"/> (tenant-filtered), or null when there is no such campaign.</summary>
    public static async Task<RosterView?> LoadAsync(EnrollmentDbContext db, RosterJobs jobs, string code, CancellationToken ct = default)
    {
        var target = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);
        if (target is null || db.Tenant.TenantId is not { } tenantId)
        {
            return null;
        }
        // The year before, over the same area (the county, or the same township for a township campaign).
        var source = await db.Campaigns.AsNoTracking()
            .Where(c => c.PolicyYear == target.PolicyYear - 1 && c.JurisdictionId == target.JurisdictionId)
            .OrderBy(c => c.Code).FirstOrDefaultAsync(ct);
        var enrolled = await db.Enrollments.CountAsync(e => e.CampaignId == target.Id, ct);
        return new RosterView(target, source, enrolled, jobs.Latest(tenantId, target.Id));
    }
}
