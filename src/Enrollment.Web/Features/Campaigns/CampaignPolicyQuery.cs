using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>A campaign with its current policy version, parsed and (when valid) compiled.</summary>
internal sealed record CampaignPolicy(Campaign Campaign, CampaignPolicyVersion Version, PolicyLoadResult Loaded)
{
    public PolicyDocument? Document => Loaded.Document;
}

/// <summary>Loads campaigns and their current policy through the tenant-filtered DbContext.</summary>
internal static class CampaignPolicyQuery
{
    /// <summary>
    /// The campaign <paramref name="code"/> with every policy version loaded (tracked, so a handler can add the
    /// next one), or null when the tenant has no such campaign or it has no policy yet.
    /// </summary>
    public static async Task<CampaignPolicy?> LoadAsync(EnrollmentDbContext db, string code, CancellationToken ct = default)
    {
        if (!CampaignCodes.IsWellFormed(code))
        {
            return null;
        }
        var campaign = await db.Campaigns.Include(c => c.PolicyVersions).Include(c => c.Phases).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Code == code, ct);
        if (campaign?.CurrentPolicy() is not { } version)
        {
            return null;
        }
        return new CampaignPolicy(campaign, version, PolicyLoader.Load(version.Document));
    }

    public static string StatusText(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "草稿",
        CampaignStatus.Open => "征缴中",
        CampaignStatus.Closed => "已结束",
        CampaignStatus.Accepted => "已验收",
    };
}
