using System.Reflection;

namespace Enrollment.Domain.Policies;

/// <summary>
/// The policy templates shipped with the product (embedded <c>Policies/*.json</c>), one per seed campaign.
/// A new campaign starts from a copy of one of these.
/// </summary>
public static class PolicyCatalog
{
    private const string Prefix = "Enrollment.Domain.Policies.";
    private static readonly Assembly Assembly = typeof(PolicyCatalog).Assembly;

    /// <summary>Campaign ids of the shipped templates, e.g. <c>tengzhou-2025</c>.</summary>
    public static IReadOnlyList<string> CampaignIds { get; } =
        [.. Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    public static bool Contains(string campaignId) => CampaignIds.Contains(campaignId, StringComparer.Ordinal);

    /// <summary>The template's JSON text, or null when no such template ships.</summary>
    public static string? GetJson(string campaignId)
    {
        if (!Contains(campaignId))
        {
            return null;
        }

        using var stream = Assembly.GetManifestResourceStream(Prefix + campaignId + ".json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads, validates and compiles a shipped template; throws if the id is unknown.</summary>
    public static PolicyLoadResult Load(string campaignId) =>
        PolicyLoader.Load(GetJson(campaignId) ?? throw new KeyNotFoundException($"no shipped policy '{campaignId}'"));

    /// <summary>A shipped template's compiled policy; throws if it does not validate.</summary>
    public static Rules.CompiledPolicy Compile(string campaignId)
    {
        var result = Load(campaignId);
        return result.Policy ?? throw new PolicyValidationException(result.Problems);
    }
}
