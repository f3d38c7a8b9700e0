using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Users;

/// <summary>One township and the villages under it (through any grouping), both in official order.</summary>
public sealed record TownshipChoice(long Id, string Name, IReadOnlyList<VillageChoice> Villages);

public sealed record VillageChoice(long Id, string Name);

/// <summary>
/// The jurisdictions an account may be bound to, as the operation's context shows them (the administrator's
/// tenant and subtree): townships by <c>DisplayOrder</c>, villages under each; plus a label for every id.
/// </summary>
public sealed class JurisdictionChoices
{
    private readonly Dictionary<long, (JurisdictionLevel Level, string Label)> byId;

    private JurisdictionChoices(IReadOnlyList<TownshipChoice> townships, Dictionary<long, (JurisdictionLevel, string)> byId)
    {
        Townships = townships;
        this.byId = byId;
    }

    public IReadOnlyList<TownshipChoice> Townships { get; }

    public static readonly JurisdictionChoices None = new([], []);

    public static async Task<JurisdictionChoices> LoadAsync(EnrollmentDbContext db, CancellationToken cancellationToken = default)
    {
        var rows = await db.Jurisdictions
            .Where(j => j.Level != JurisdictionLevel.NaturalVillage)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Id)
            .Select(j => new { j.Id, j.Level, j.Name, j.Path })
            .ToListAsync(cancellationToken);
        var byId = new Dictionary<long, (JurisdictionLevel, string)>();
        var townships = new List<TownshipChoice>();
        foreach (var county in rows.Where(r => r.Level == JurisdictionLevel.County))
        {
            byId[county.Id] = (county.Level, county.Name);
        }
        foreach (var township in rows.Where(r => r.Level == JurisdictionLevel.Township))
        {
            byId[township.Id] = (township.Level, township.Name);
            var villages = new List<VillageChoice>();
            foreach (var row in rows.Where(r => r.Level != JurisdictionLevel.Township && r.Path.StartsWith(township.Path, StringComparison.Ordinal)))
            {
                byId[row.Id] = (row.Level, $"{township.Name} · {row.Name}");
                if (row.Level == JurisdictionLevel.Village)
                {
                    villages.Add(new VillageChoice(row.Id, row.Name));
                }
            }
            townships.Add(new TownshipChoice(township.Id, township.Name, villages));
        }
        return new JurisdictionChoices(townships, byId);
    }

    /// <summary>"全县" for no jurisdiction, "鲍沟镇 · 鲍沟村" for a village; "—" for one outside the visible tree.</summary>
    public string Label(long? id) =>
        id is null ? "全县" : byId.TryGetValue(id.Value, out var j) ? j.Label : "—";

    /// <summary>What a jurisdiction picker shows for a choice: "鲍沟镇（全镇）" for a township, else <see cref="Label"/>.</summary>
    public string ChoiceText(long id) => LevelOf(id) == JurisdictionLevel.Township ? $"{Label(id)}（全镇）" : Label(id);

    /// <summary>The level of a visible jurisdiction, or null when it is not in the administrator's tree.</summary>
    public JurisdictionLevel? LevelOf(long id) => byId.TryGetValue(id, out var j) ? j.Level : null;
}
