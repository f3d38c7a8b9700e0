using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.ResidentLists;

/// <summary>
/// A village (村 / 社区) of the user's scope with its township, in official order. <see cref="Ids"/> holds the
/// village and its natural villages: residents hang on either.
/// </summary>
public sealed record VillagePlace(long Id, string Name, long TownshipId, string Township, IReadOnlyList<long> Ids)
{
    public string Label => $"{Township} {Name}";
}

/// <summary>The townships and villages the user sees, in the official order (display order at each level, then name).</summary>
internal static class PlaceTree
{
    public static async Task<IReadOnlyList<VillagePlace>> VillagesAsync(EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        // The jurisdiction filter keeps the user's subtree; the township above a village collector's village is read
        // for its name only, widened to the tenant.
        var places = await db.Jurisdictions.AsNoTracking()
            .Select(j => new Node(j.Id, j.ParentId, j.Level, j.Name, j.DisplayOrder, j.Path)).ToListAsync(cancellationToken);
        var townshipIds = places.Select(p => TownshipIdOf(p.Path)).OfType<long>().Distinct().ToList();
        var townships = await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => townshipIds.Contains(j.Id)).Select(j => new Node(j.Id, j.ParentId, j.Level, j.Name, j.DisplayOrder, j.Path))
            .ToListAsync(cancellationToken);
        var all = places.Concat(townships).DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        var naturalVillages = places.Where(p => p.Level == JurisdictionLevel.NaturalVillage && p.ParentId is not null).ToLookup(p => p.ParentId!.Value);

        // Official order: compare the display orders (then names) of the places along each village's path, so a
        // village sorts within its grouping and its township wherever they stand.
        IEnumerable<Node> Ancestry(Node village) => village.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => long.TryParse(part, out var id) && all.TryGetValue(id, out var node) ? node : null).OfType<Node>();
        return [.. places.Where(p => p.Level == JurisdictionLevel.Village)
            .Select(v => (Village: v, Township: TownshipIdOf(v.Path) is { } t && all.TryGetValue(t, out var township) ? township : null))
            .Where(v => v.Township is not null)
            .OrderBy(v => v.Village, Comparer<Node>.Create((a, b) => CompareAncestry(Ancestry(a), Ancestry(b))))
            .Select(v => new VillagePlace(v.Village.Id, v.Village.Name, v.Township!.Id, v.Township.Name,
                [v.Village.Id, .. naturalVillages[v.Village.Id].Select(n => n.Id)]))];
    }

    private static int CompareAncestry(IEnumerable<Node> a, IEnumerable<Node> b)
    {
        using var left = a.GetEnumerator();
        using var right = b.GetEnumerator();
        while (left.MoveNext() && right.MoveNext())
        {
            var order = left.Current.DisplayOrder.CompareTo(right.Current.DisplayOrder);
            order = order != 0 ? order : string.CompareOrdinal(left.Current.Name, right.Current.Name);
            order = order != 0 ? order : left.Current.Id.CompareTo(right.Current.Id);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    /// <summary>Townships of the scope in official order, each with its villages.</summary>
    public static IReadOnlyList<(long Id, string Name, IReadOnlyList<VillagePlace> Villages)> Townships(IReadOnlyList<VillagePlace> villages) =>
        [.. villages.GroupBy(v => (v.TownshipId, v.Township)).Select(g => (g.Key.TownshipId, g.Key.Township, (IReadOnlyList<VillagePlace>)[.. g]))];

    /// <summary>The township's id in a path /county/township/…/ (depth 1), when the path reaches that deep.</summary>
    private static long? TownshipIdOf(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } parts && long.TryParse(parts[1], out var id) ? id : null;

    private sealed record Node(long Id, long? ParentId, JurisdictionLevel Level, string Name, int DisplayOrder, string Path);
}
