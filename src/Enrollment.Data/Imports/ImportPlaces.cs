using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Imports;

/// <summary>A village of the county as the import matches it: by its township's name and its own.</summary>
public sealed record ImportVillage(long Id, string Path, long TownshipId, string TownshipName);

/// <summary>
/// The county's townships and villages by name (compared clean, <see cref="ImportText"/>), read past the user's
/// jurisdiction filter but not the tenant's, so a township outside the user's subtree is told apart from one that
/// does not exist (outside_scope vs unknown_township).
/// </summary>
public sealed class ImportPlaces
{
    private readonly Dictionary<string, (long Id, string Path)> _townships;
    private readonly Dictionary<(long Township, string Village), ImportVillage> _villages;
    private readonly Dictionary<long, string> _townshipNames;
    private readonly string? _scope;

    private ImportPlaces(
        Dictionary<string, (long, string)> townships, Dictionary<(long, string), ImportVillage> villages, Dictionary<long, string> townshipNames, string? scope)
    {
        _townships = townships;
        _villages = villages;
        _townshipNames = townshipNames;
        _scope = scope;
    }

    public static async Task<ImportPlaces> LoadAsync(EnrollmentDbContext db, CancellationToken ct)
    {
        var all = await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]).AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Township || j.Level == JurisdictionLevel.Village || j.Level == JurisdictionLevel.NaturalVillage)
            .OrderBy(j => j.Level).ThenBy(j => j.DisplayOrder)
            .Select(j => new { j.Id, j.Level, j.Name, j.Path })
            .ToListAsync(ct);
        var townships = all.Where(j => j.Level == JurisdictionLevel.Township).ToList();
        var byName = new Dictionary<string, (long, string)>();
        foreach (var t in townships)
        {
            byName.TryAdd(ImportText.Clean(t.Name) ?? t.Name, (t.Id, t.Path));
        }
        var villages = new Dictionary<(long, string), ImportVillage>();
        foreach (var v in all.Where(j => j.Level != JurisdictionLevel.Township))
        {
            if (townships.FirstOrDefault(t => v.Path.StartsWith(t.Path, StringComparison.Ordinal)) is { } township)
            {
                // A village before a natural village of the same name (levels are ordered so).
                villages.TryAdd((township.Id, ImportText.Clean(v.Name) ?? v.Name), new ImportVillage(v.Id, v.Path, township.Id, township.Name));
            }
        }
        return new ImportPlaces(byName, villages, townships.ToDictionary(t => t.Id, t => t.Name), db.Tenant.JurisdictionPath);
    }

    /// <summary>The village, or the rejection (code, message) for the township and village as written.</summary>
    public (ImportVillage? Village, string? Code, string? Message) Find(string township, string village)
    {
        if (!_townships.TryGetValue(township, out var t))
        {
            return (null, ImportCodes.UnknownTownship, $"本县没有名为“{township}”的乡镇（街道）。");
        }
        if (!InScope(t.Path) && !(_scope?.StartsWith(t.Path, StringComparison.Ordinal) ?? false))
        {
            return (null, ImportCodes.OutsideScope, $"“{township}”不在您的管辖范围内，只能导入本辖区的人员。");
        }
        if (!_villages.TryGetValue((t.Id, village), out var found))
        {
            return (null, ImportCodes.UnknownVillage, $"{township}没有名为“{village}”的村（社区）。");
        }
        return InScope(found.Path)
            ? (found, null, null)
            : (null, ImportCodes.OutsideScope, $"{township}{village}不在您的管辖范围内，只能导入本辖区的人员。");
    }

    /// <summary>Whether a jurisdiction (by path) lies inside the user's subtree.</summary>
    public bool InScope(string path) => _scope is null || path.StartsWith(_scope, StringComparison.Ordinal);

    /// <summary>The township holding a village path (for telling where a number is registered).</summary>
    public (long Id, string Name)? TownshipOf(string villagePath) =>
        _townships.Values.Where(t => villagePath.StartsWith(t.Path, StringComparison.Ordinal))
            .Select(t => ((long, string)?)(t.Id, _townshipNames[t.Id])).FirstOrDefault();
}
