using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.ResidentLists;

/// <summary>What a list page shows above its grid: whose list, the campaign, how many people, the export's address.</summary>
public sealed record RosterHeader(RosterLevel Level, long Id, string Name, string? Campaign, IReadOnlyList<VillagePlace> Villages, string ExportHref);

/// <summary>The list pages' reads (名册): the places of the user's scope, one list's header and its pages.</summary>
public sealed class RosterQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    /// <summary>The villages of the user's scope in official order (the index of lists).</summary>
    public async Task<IReadOnlyList<VillagePlace>> PlacesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await PlaceTree.VillagesAsync(db, cancellationToken);
    }

    /// <summary>The list's header, or null for a place outside the user's scope (the page answers 404).</summary>
    public async Task<RosterHeader?> HeaderAsync(RosterLevel level, long id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await Roster.LoadAsync(db, level, id, cancellationToken) is { } roster
            ? new RosterHeader(level, id, roster.Name, roster.Campaign?.Name, roster.Villages, RosterExport.Href(level, id))
            : null;
    }

    /// <summary>One page of the list; empty for a place outside the user's scope.</summary>
    public async Task<GridPage<PersonRow>> PageAsync(RosterLevel level, long id, GridRequest request, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await Roster.LoadAsync(db, level, id, cancellationToken) is { } roster
            ? await roster.PageAsync(db, request, cancellationToken)
            : new GridPage<PersonRow>([], 0);
    }
}
