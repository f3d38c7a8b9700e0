using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// The campaign row mirrors what lists and dashboards read without parsing the policy: name, collection window
/// and phases. Phases are updated in place by ordinal so the (campaign, ordinal) key never collides mid-save.
/// </summary>
internal static class CampaignRowSync
{
    public static void MirrorPolicy(Campaign campaign, PolicyDocument document)
    {
        campaign.Name = document.Name;
        campaign.WindowStart = document.CollectionWindow?.FirstDayInclusive;
        campaign.WindowEnd = document.CollectionWindow?.LastDayInclusive;

        var phases = (document.CollectionWindow?.Phases ?? [])
            .Where(p => p.FirstDayInclusive is not null && p.LastDayInclusive is not null).ToList();
        var rows = campaign.Phases.OrderBy(p => p.Ordinal).ToList();
        for (var i = 0; i < phases.Count; i++)
        {
            var row = i < rows.Count ? rows[i] : new CampaignPhase { TenantId = campaign.TenantId, CampaignId = campaign.Id, Ordinal = i + 1 };
            row.Name = phases[i].Name;
            row.StartsOn = phases[i].FirstDayInclusive!.Value;
            row.EndsOn = phases[i].LastDayInclusive!.Value;
            if (i >= rows.Count)
            {
                campaign.Phases.Add(row);
            }
        }
        foreach (var extra in rows.Skip(phases.Count))
        {
            campaign.Phases.Remove(extra);
        }
    }
}
