using System.Text.Json;

namespace Enrollment.Cli.Seed;

/// <summary>A county as transcribed from the seed documents (jurisdictions.json, embedded).</summary>
internal sealed record TenantSeed(
    string Code,
    string Name,
    string County,
    string RegionCode,
    IReadOnlyList<TownshipSeed> Townships,
    IReadOnlyList<QuotaTableSeed> QuotaTables);

/// <summary>A township (镇/街道) in the documents' order; groupings are 管区 / 片区 where a document names them.</summary>
internal sealed record TownshipSeed(string Name, int Order, string? Label, IReadOnlyList<GroupingSeed>? Groupings);

internal sealed record GroupingSeed(string Name, int Order);

/// <summary>A quota table (参保任务数) of one campaign, as the document gives it.</summary>
internal sealed record QuotaTableSeed(string Campaign, string Source, int Total, IReadOnlyList<QuotaRowSeed> Rows);

internal sealed record QuotaRowSeed(string Township, int Quota);

/// <summary>The counties of the seed documents: townships, groupings and quota tables.</summary>
internal static class JurisdictionCatalog
{
    private const string ResourceName = "Enrollment.Cli.Seed.jurisdictions.json";

    private static readonly Lazy<IReadOnlyList<TenantSeed>> Loaded = new(Load);
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<TenantSeed> Tenants => Loaded.Value;

    public static TenantSeed Get(string tenantCode) =>
        Tenants.FirstOrDefault(t => t.Code == tenantCode)
        ?? throw new KeyNotFoundException(
            $"unknown tenant '{tenantCode}' (known: {string.Join(", ", Tenants.Select(t => t.Code))})");

    private static IReadOnlyList<TenantSeed> Load()
    {
        using var stream = typeof(JurisdictionCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Options)
            ?? throw new InvalidOperationException("jurisdictions.json is empty");
        foreach (var tenant in file.Tenants)
        {
            foreach (var table in tenant.QuotaTables)
            {
                // The transcription must add up to the total the document states.
                var sum = table.Rows.Sum(r => r.Quota);
                if (sum != table.Total)
                {
                    throw new InvalidOperationException($"{table.Campaign}: rows sum to {sum}, the document says {table.Total}");
                }
            }
        }

        return file.Tenants;
    }

    private sealed record CatalogFile(IReadOnlyList<TenantSeed> Tenants);
}
