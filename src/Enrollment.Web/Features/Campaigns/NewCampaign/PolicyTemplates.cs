using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.NewCampaign;

/// <summary>What an administrator reads to pick a template: its name, source document, year and jurisdiction.</summary>
internal sealed record PolicyTemplate(string Id, string Name, string? Source, int PolicyYear, string? Jurisdiction);

/// <summary>The shipped templates (PolicyCatalog), read once: they are embedded and never change at run time.</summary>
internal static class PolicyTemplates
{
    private static readonly Lazy<IReadOnlyList<PolicyTemplate>> Templates = new(() =>
        [.. PolicyCatalog.CampaignIds
            .Select(id => PolicyCatalog.Load(id).Document)
            .OfType<PolicyDocument>()
            .Select(d => new PolicyTemplate(d.CampaignId, d.Name, d.Source, d.PolicyYear, d.Jurisdiction))
            .OrderByDescending(t => t.PolicyYear).ThenBy(t => t.Id, StringComparer.Ordinal)]);

    public static IReadOnlyList<PolicyTemplate> All => Templates.Value;

    public static PolicyTemplate? Find(string? id) => All.FirstOrDefault(t => t.Id == id);
}
