using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Features.ResidentLists;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Search;

/// <summary>Narrowing a search: one village of the scope, the standing in the current campaign, the resident's own status.</summary>
public sealed record SearchFilter(long? VillageId = null, CampaignStanding? Standing = null, ResidentStatus? Status = null);

/// <summary>
/// A search's answer: the kind recognised (or why the text could not be searched for), a page of people, and whether
/// there were more than <see cref="SearchQueries.Cap"/> (then <see cref="GridPage{T}.Total"/> is the cap, and the
/// page says to type more).
/// </summary>
public sealed record SearchResult(SearchKind? Kind, string? Problem, GridPage<PersonRow> Page, bool Capped, string? Campaign)
{
    public static SearchResult Refused(string problem) => new(null, problem, new GridPage<PersonRow>([], 0), false, null);
}

/// <summary>
/// 查找人员: one box for an ID number, a name or its first characters, a household number or a phone. Results come
/// only through the query filters (the user's county and subtree), so a clerk never finds a person outside their
/// area — the same answer as for nobody at all.
/// </summary>
public sealed class SearchQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    /// <summary>
    /// Beyond this many matches the count stops (a one-character surname is 5–7 % of a county): counting them all
    /// would cost more than the page, and nobody pages through a thousand people.
    /// </summary>
    public const int Cap = 1000;

    public async Task<SearchResult> SearchAsync(string? text, SearchFilter filter, GridRequest request, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        if (filter.Standing is { } standing && !Enum.IsDefined(standing) || filter.Status is { } status && !Enum.IsDefined(status))
        {
            return SearchResult.Refused("筛选条件无效，请重新选择。");
        }
        var (term, problem) = SearchTerm.Read(text);
        if (term is null)
        {
            return SearchResult.Refused(problem!);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var campaign = await CampaignProgress.CurrentAsync(db, cancellationToken);
        var residents = await MatchingAsync(db, term, cancellationToken);
        if (filter.VillageId is { } villageId)
        {
            residents = residents.Where(r => r.VillageId == villageId);
        }
        if (filter.Status is { } residentStatus)
        {
            residents = residents.Where(r => r.Status == residentStatus);
        }
        if (filter.Standing is { } wanted)
        {
            // Without a campaign nobody has a standing in it.
            residents = campaign is null ? residents.Where(_ => false) : PersonRows.Having(db, residents, campaign.Id, wanted);
        }

        var counted = await residents.Take(Cap + 1).CountAsync(cancellationToken);
        var capped = counted > Cap;
        var skip = Math.Min(request.Skip, Cap);
        var page = residents.OrderBy(r => EF.Functions.Collate(r.Name, "C")).ThenBy(r => r.Id)
            .Skip(skip).Take(Math.Min(request.Size, Cap - skip));
        var people = await PersonRows.LoadAsync(db, page, campaign?.Id, placeOf: null, cancellationToken);
        var places = await Transfers.TransferPlaces.LoadAsync(db, [.. people.Select(p => p.VillageId).Distinct()], cancellationToken);
        var rows = people.Select(p => p with { Township = places[p.VillageId].Township, Village = places[p.VillageId].Village }).ToList();
        return new SearchResult(term.Kind, null, new GridPage<PersonRow>(rows, Math.Min(counted, Cap)), capped, campaign?.Name);
    }

    /// <summary>The villages of the user's scope in official order, to narrow a search by.</summary>
    public async Task<IReadOnlyList<VillagePlace>> VillagesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await PlaceTree.VillagesAsync(db, cancellationToken);
    }

    private static async Task<IQueryable<Resident>> MatchingAsync(EnrollmentDbContext db, SearchTerm term, CancellationToken cancellationToken)
    {
        var residents = db.Residents.AsNoTracking();
        switch (term.Kind)
        {
            case SearchKind.CitizenId:
                return residents.Where(r => r.CitizenId == term.CitizenId);
            case SearchKind.NamePrefix:
                // In collation "C", as the index residents_name holds the names: LIKE 'prefix%' becomes a range on
                // it, and the rows come out in the order the page wants. A name holds no % or _ (TextInput.Name).
                var pattern = term.Text + "%";
                return residents.Where(r => EF.Functions.Like(EF.Functions.Collate(r.Name, "C"), pattern));
            case SearchKind.PhoneOrHousehold:
            case SearchKind.Household:
                // Households first (a unique key on the number), then their members: one indexed lookup each.
                var numbers = term.HouseholdNumbers ?? [];
                var households = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.HouseholdNumber!))
                    .Select(h => h.Id).ToListAsync(cancellationToken);
                var phone = term.Phone;
                return phone is null
                    ? residents.Where(r => r.HouseholdId != null && households.Contains(r.HouseholdId.Value))
                    : residents.Where(r => r.Phone == phone || (r.HouseholdId != null && households.Contains(r.HouseholdId.Value)));
        }
        throw new InvalidOperationException($"Unknown search kind {term.Kind}.");
    }
}
