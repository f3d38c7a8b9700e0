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

        var skip = Math.Min(request.Skip, Cap);
        // The page's ids first, then their rows: the ids come from residents_name alone (it includes the village), so
        // a township clerk's "王" walks the county's 王 in order and skips other townships' without reading their rows.
        var ids = await residents.OrderBy(r => EF.Functions.Collate(r.Name, "C")).ThenBy(r => r.Id)
            .Skip(skip).Take(Math.Min(request.Size, Cap - skip)).Select(r => r.Id).ToListAsync(cancellationToken);
        // A first page that is not full is the whole answer (an ID, a household): no count needed.
        var counted = skip == 0 && ids.Count < request.Size ? ids.Count : await residents.Take(Cap + 1).CountAsync(cancellationToken);
        var capped = counted > Cap;
        var people = await PersonRows.LoadAsync(db, db.Residents.AsNoTracking().Where(r => ids.Contains(r.Id)), campaign?.Id, placeOf: null, cancellationToken);
        people = [.. people.OrderBy(p => ids.IndexOf(p.Id))];
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

    /// <summary>
    /// Names starting with <paramref name="prefix"/> lie in [prefix, upper) in collation "C" (code point order), where
    /// upper is the prefix with its last character's code point plus one; none when that would leave the character's
    /// range (the LIKE alone then bounds the match).
    /// </summary>
    internal static (string From, string? Below) PrefixRange(string prefix)
    {
        var last = prefix[^1];
        return last is '\uFFFF' or '\uD7FF' or '\uDFFF' || char.IsHighSurrogate(last)
            ? (prefix, null)
            : (prefix, string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(last + 1)).ToString()));
    }

    private static async Task<IQueryable<Resident>> MatchingAsync(EnrollmentDbContext db, SearchTerm term, CancellationToken cancellationToken)
    {
        var residents = db.Residents.AsNoTracking();
        switch (term.Kind)
        {
            case SearchKind.CitizenId:
                return residents.Where(r => r.CitizenId == term.CitizenId);
            case SearchKind.NamePrefix:
                // In collation "C", as the index residents_name holds the names, so rows come out in the page's order.
                // The prefix is also written as a range (name >= '王' AND name < '玌'): under row-level security the
                // planner may use only leakproof operators as index conditions, and LIKE is not one (with LIKE alone
                // a county's "王" walked half the index: 1–2 s). The LIKE stays as the exact test; a name holds no % or _.
                var pattern = term.Text + "%";
                var (from, below) = PrefixRange(term.Text);
                // string.Compare is what EF translates to SQL's >= and <; the comparison runs in collation "C" there.
#pragma warning disable CA1309
                var inRange = below is null
                    ? residents.Where(r => string.Compare(EF.Functions.Collate(r.Name, "C"), from) >= 0)
                    : residents.Where(r => string.Compare(EF.Functions.Collate(r.Name, "C"), from) >= 0
                        && string.Compare(EF.Functions.Collate(r.Name, "C"), below) < 0);
#pragma warning restore CA1309
                return inRange.Where(r => EF.Functions.Like(EF.Functions.Collate(r.Name, "C"), pattern));
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
