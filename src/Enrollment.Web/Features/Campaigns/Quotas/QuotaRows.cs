using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>How far a township's quota has been split among its villages (a county campaign's township list).</summary>
public sealed record VillageAllocation(int Villages, int WithTarget, int Sum)
{
    /// <summary>Only once villages have targets: before that there is nothing to compare yet.</summary>
    public bool Differs(int? townshipTarget) => WithTarget > 0 && townshipTarget != Sum;
}

/// <summary>
/// One line of a quota table: a township or village, the grouping (管区/片区) it sits in if any, its quota, and the
/// quota's row version as rendered (null when it has none yet), which the save checks against.
/// </summary>
public sealed record QuotaRow(long JurisdictionId, string Name, bool IsDemoPlace, string? Grouping, int? Target, bool IsDemoQuota, uint? Version)
{
    public VillageAllocation? Villages { get; init; }
}

/// <summary>A township a quota page is about: its id, name, subtree path and its own quota in the campaign.</summary>
public sealed record TownshipQuota(long Id, string Name, string Path, bool IsDemoPlace, int? Target, bool IsDemoQuota);

/// <summary>Quota tables in official display order (the documents' order, not alphabetical).</summary>
internal static class QuotaRowsQuery
{
    private sealed record Cell(int Target, bool IsDemo, uint Version);

    private sealed record Node(long Id, long? ParentId, JurisdictionLevel Level, string Name, int DisplayOrder, bool IsDemo);

    /// <summary>Every township of the county, with how many of its villages have a target and their sum.</summary>
    public static async Task<List<QuotaRow>> TownshipsAsync(EnrollmentDbContext db, long campaignId, CancellationToken cancellationToken = default)
    {
        var quotas = await CellsAsync(db, campaignId, cancellationToken);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Id)
            .Select(j => new { j.Id, j.Name, j.IsDemo }).ToListAsync(cancellationToken);
        var villages = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Village)
            .Select(j => new { j.Id, j.Path }).ToListAsync(cancellationToken);
        // The path is /county/township/[grouping/]village/: the second id is the township, with or without a grouping.
        var byTownship = villages.ToLookup(v => TownshipIdOf(v.Path), v => v.Id);
        return [.. townships.Select(t =>
        {
            var targets = byTownship[t.Id].Select(v => quotas.GetValueOrDefault(v)).OfType<Cell>().ToList();
            var own = quotas.GetValueOrDefault(t.Id);
            return new QuotaRow(t.Id, t.Name, t.IsDemo, null, own?.Target, own?.IsDemo ?? false, own?.Version)
            {
                Villages = new VillageAllocation(byTownship[t.Id].Count(), targets.Count, targets.Sum(c => c.Target)),
            };
        })];
    }

    /// <summary>The villages of one township: those directly under it and those under its groupings, each in order.</summary>
    public static async Task<List<QuotaRow>> VillagesAsync(
        EnrollmentDbContext db, long campaignId, TownshipQuota township, CancellationToken cancellationToken = default) =>
        (await VillagesOfAsync(db, campaignId, [township.Id], township.Path, cancellationToken))[township.Id];

    /// <summary>
    /// The villages of several townships (an export of the county), from one read of the quotas and one of the
    /// villages and groupings: <paramref name="subtreePath"/> narrows that read when there is one township.
    /// </summary>
    public static async Task<Dictionary<long, List<QuotaRow>>> VillagesOfAsync(
        EnrollmentDbContext db, long campaignId, IReadOnlyCollection<long> townshipIds, string? subtreePath = null,
        CancellationToken cancellationToken = default)
    {
        var quotas = await CellsAsync(db, campaignId, cancellationToken);
        var nodes = await db.Jurisdictions.AsNoTracking()
            .Where(j => subtreePath == null || j.Path.StartsWith(subtreePath))
            .Where(j => j.Level == JurisdictionLevel.Grouping || j.Level == JurisdictionLevel.Village)
            .Select(j => new Node(j.Id, j.ParentId, j.Level, j.Name, j.DisplayOrder, j.IsDemo)).ToListAsync(cancellationToken);
        var children = nodes.ToLookup(n => n.ParentId);
        IEnumerable<Node> Ordered(long parent) => children[parent].OrderBy(n => n.DisplayOrder).ThenBy(n => n.Id);

        var byTownship = new Dictionary<long, List<QuotaRow>>();
        foreach (var townshipId in townshipIds)
        {
            var rows = byTownship[townshipId] = [];
            foreach (var node in Ordered(townshipId))
            {
                var grouping = node.Level == JurisdictionLevel.Grouping ? node.Name : null;
                IEnumerable<Node> villages = grouping is null ? [node] : Ordered(node.Id);
                foreach (var village in villages.Where(n => n.Level == JurisdictionLevel.Village))
                {
                    var cell = quotas.GetValueOrDefault(village.Id);
                    rows.Add(new QuotaRow(village.Id, village.Name, village.IsDemo, grouping, cell?.Target, cell?.IsDemo ?? false, cell?.Version));
                }
            }
        }
        return byTownship;
    }

    /// <summary>A township of the signed-in user's scope with its own quota, or null (unknown, foreign, not a township).</summary>
    public static async Task<TownshipQuota?> TownshipAsync(
        EnrollmentDbContext db, long campaignId, long townshipId, CancellationToken cancellationToken = default)
    {
        var township = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Id == townshipId && j.Level == JurisdictionLevel.Township)
            .Select(j => new { j.Id, j.Name, j.Path, j.IsDemo }).SingleOrDefaultAsync(cancellationToken);
        if (township is null)
        {
            return null;
        }
        var own = await db.Quotas.AsNoTracking().Where(q => q.CampaignId == campaignId && q.JurisdictionId == townshipId)
            .Select(q => new { q.Target, q.IsDemo }).SingleOrDefaultAsync(cancellationToken);
        return new TownshipQuota(township.Id, township.Name, township.Path, township.IsDemo, own?.Target, own?.IsDemo ?? false);
    }

    private static Task<Dictionary<long, Cell>> CellsAsync(EnrollmentDbContext db, long campaignId, CancellationToken cancellationToken) =>
        db.Quotas.AsNoTracking().Where(q => q.CampaignId == campaignId)
            .Select(q => new { q.JurisdictionId, Cell = new Cell(q.Target, q.IsDemo, q.RowVersion) })
            .ToDictionaryAsync(q => q.JurisdictionId, q => q.Cell, cancellationToken);

    private static long TownshipIdOf(string path)
    {
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return ids.Length > 1 && long.TryParse(ids[1], out var id) ? id : 0;
    }
}
