using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.ResidentLists;

/// <summary>Whose list: one village's people, or a township's grouped by village.</summary>
public enum RosterLevel
{
    Village,
    Township,
}

/// <summary>
/// 名册: the people of a village, or of a township village by village in the official order, with their standing
/// in the current campaign and what is due from them. Null when the place is not in the user's scope (or is not a
/// village / township): the pages and the export answer 404, as for a place that does not exist.
/// </summary>
internal sealed class Roster
{
    private Roster(RosterLevel level, long id, string name, IReadOnlyList<VillagePlace> villages, Campaign? campaign)
    {
        Level = level;
        Id = id;
        Name = name;
        Villages = villages;
        Campaign = campaign;
    }

    public RosterLevel Level { get; }

    public long Id { get; }

    /// <summary>"鲍沟镇" or "鲍沟镇 张庄村".</summary>
    public string Name { get; }

    /// <summary>The villages listed, in official order (one for a village's list).</summary>
    public IReadOnlyList<VillagePlace> Villages { get; }

    public Campaign? Campaign { get; }

    public static async Task<Roster?> LoadAsync(EnrollmentDbContext db, RosterLevel level, long id, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(level))
        {
            return null;
        }
        // The jurisdiction filter: a place outside the subtree is not found. A village collector sees their village's
        // township name but not the township itself, so its list is not theirs.
        var wanted = level switch
        {
            RosterLevel.Village => JurisdictionLevel.Village,
            RosterLevel.Township => JurisdictionLevel.Township,
        };
        if (!await db.Jurisdictions.AnyAsync(j => j.Id == id && j.Level == wanted, cancellationToken))
        {
            return null;
        }
        var villages = (await PlaceTree.VillagesAsync(db, cancellationToken))
            .Where(v => level == RosterLevel.Village ? v.Id == id : v.TownshipId == id).ToList();
        if (villages.Count == 0 && level == RosterLevel.Village)
        {
            return null;
        }
        var name = level == RosterLevel.Village ? villages[0].Label
            : await db.Jurisdictions.Where(j => j.Id == id).Select(j => j.Name).SingleAsync(cancellationToken);
        return new Roster(level, id, name, villages, await CampaignProgress.CurrentAsync(db, cancellationToken));
    }

    /// <summary>A village's residents, household by household (the head first), then by id.</summary>
    public static IQueryable<Resident> Of(EnrollmentDbContext db, VillagePlace village)
    {
        var ids = village.Ids;
        return db.Residents.AsNoTracking().Where(r => ids.Contains(r.VillageId))
            .OrderBy(r => r.HouseholdId == null).ThenBy(r => r.HouseholdId)
            .ThenBy(r => r.RelationToHead != RelationToHead.Self).ThenBy(r => r.Id);
    }

    /// <summary>People per village of the list (one grouped count over the village index).</summary>
    public async Task<Dictionary<long, int>> CountsAsync(EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        var ids = Villages.SelectMany(v => v.Ids).ToList();
        var counts = await db.Residents.Where(r => ids.Contains(r.VillageId)).GroupBy(r => r.VillageId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return Villages.ToDictionary(v => v.Id, v => v.Ids.Sum(i => counts.GetValueOrDefault(i)));
    }

    /// <summary>
    /// One page of the list. The page is cut from the villages' counts, so only the one or two villages it spans are
    /// read, each from its index, instead of ordering a township's 100,000 people for every page.
    /// </summary>
    public async Task<GridPage<PersonRow>> PageAsync(EnrollmentDbContext db, GridRequest request, CancellationToken cancellationToken)
    {
        var counts = await CountsAsync(db, cancellationToken);
        var total = counts.Values.Sum();
        List<PersonRow> rows = [];
        var skip = request.Skip;
        var wanted = request.Size;
        foreach (var village in Villages)
        {
            var count = counts[village.Id];
            if (skip >= count)
            {
                skip -= count;
                continue;
            }
            var read = await PersonRows.LoadAsync(db, Of(db, village).Skip(skip).Take(wanted), Campaign?.Id, _ => (village.Township, village.Name), cancellationToken);
            rows.AddRange(read);
            wanted -= read.Count;
            skip = 0;
            if (wanted <= 0)
            {
                break;
            }
        }
        return new GridPage<PersonRow>(rows, total);
    }

    /// <summary>
    /// Every row of the list, village after village (a village's people at a time in memory, at most a few
    /// thousand), read as they are written out.
    /// </summary>
    public async IAsyncEnumerable<PersonRow> AllAsync(EnrollmentDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var village in Villages)
        {
            foreach (var row in await PersonRows.LoadAsync(db, Of(db, village), Campaign?.Id, _ => (village.Township, village.Name), cancellationToken))
            {
                yield return row;
            }
        }
    }
}
