using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Households;

/// <summary>Where a member stands in one open campaign of their township (or the county).</summary>
public enum MemberCampaignStatus
{
    NotEnrolled,
    Registered,
    Paid,
    Excluded,
    Cancelled,
}

public sealed record MemberCampaign(string Campaign, MemberCampaignStatus Status, decimal? Payable);

public sealed record HouseholdMember(
    long Id, string Name, string MaskedCitizenId, RelationToHead? Relation, bool IsHead, ResidentStatus Status, IReadOnlyList<MemberCampaign> Campaigns);

/// <summary>户: number, place, address, head and members (head first), each with their open campaigns.</summary>
public sealed record HouseholdDetail(
    long Id, string? Number, long VillageId, IReadOnlyList<string> Jurisdictions, string? Address, long? HeadId,
    IReadOnlyList<HouseholdMember> Members)
{
    /// <summary>The head died or moved out and another member is still here: the page asks for a new head.</summary>
    public bool NeedsNewHead =>
        Members.Any(m => m.IsHead && m.Status != ResidentStatus.Active) && Members.Any(m => !m.IsHead && m.Status == ResidentStatus.Active);
}

/// <summary>A household the clerk may move a member into, or merge into this one.</summary>
public sealed record HouseholdOption(long Id, string Village, bool SameVillage, string HeadName, string? Address);

/// <summary>
/// The household page's reads. A household outside the user's subtree is null, like a missing id (the page answers
/// 404 either way, as the resident page does).
/// </summary>
public sealed class HouseholdQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    public async Task<HouseholdDetail?> DetailAsync(long id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == id)
            .Select(h => new { h.Id, h.HouseholdNumber, h.VillageId, VillagePath = h.Village!.Path, h.Address, h.HeadResidentId })
            .SingleOrDefaultAsync(cancellationToken);
        if (household is null)
        {
            return null;
        }
        var members = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id)
            .OrderByDescending(r => r.Id == household.HeadResidentId).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.CitizenId, r.RelationToHead, r.Status })
            .ToListAsync(cancellationToken);
        var campaigns = await OpenCampaignsOfAsync(db, household.VillagePath, cancellationToken);
        var memberIds = members.Select(m => m.Id).ToList();
        var standing = new List<(long ResidentId, string Campaign, MemberCampaignStatus Status, decimal? Payable)>();
        foreach (var campaign in campaigns)
        {
            var paid = CampaignProgress.PaidEnrollments(db, campaign.Id).Select(e => e.Id);
            var enrollments = await db.Enrollments.AsNoTracking()
                .Where(e => e.CampaignId == campaign.Id && memberIds.Contains(e.ResidentId))
                .Select(e => new { e.ResidentId, e.Status, e.QuotePayable, Paid = paid.Contains(e.Id) })
                .ToListAsync(cancellationToken);
            var excluded = await db.Exclusions.AsNoTracking()
                .Where(x => x.CampaignId == campaign.Id && memberIds.Contains(x.ResidentId)).Select(x => x.ResidentId)
                .ToListAsync(cancellationToken);
            foreach (var member in members)
            {
                var e = enrollments.SingleOrDefault(x => x.ResidentId == member.Id);
                var status = excluded.Contains(member.Id) ? MemberCampaignStatus.Excluded
                    : e is null ? MemberCampaignStatus.NotEnrolled
                    : e.Paid ? MemberCampaignStatus.Paid
                    : e.Status == EnrollmentStatus.Cancelled ? MemberCampaignStatus.Cancelled
                    : MemberCampaignStatus.Registered;
                standing.Add((member.Id, campaign.Name, status, e?.QuotePayable));
            }
        }
        return new HouseholdDetail(
            household.Id, household.HouseholdNumber, household.VillageId, await PlaceNamesAsync(db, household.VillagePath, cancellationToken),
            household.Address, household.HeadResidentId,
            [.. members.Select(m => new HouseholdMember(
                m.Id, m.Name, CitizenIdMask.Mask(m.CitizenId), m.RelationToHead, m.Id == household.HeadResidentId, m.Status,
                [.. standing.Where(s => s.ResidentId == m.Id).Select(s => new MemberCampaign(s.Campaign, s.Status, s.Payable))]))]);
    }

    /// <summary>
    /// Households of the same township in the user's subtree (other than this one), same village first: where a member
    /// may move, and (same village only) what may merge in. Empty for a household outside the subtree.
    /// </summary>
    public async Task<IReadOnlyList<HouseholdOption>> OptionsAsync(long id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == id)
            .Select(h => new { h.VillageId, h.Village!.Path }).SingleOrDefaultAsync(cancellationToken);
        if (household is null || HouseholdPlaces.TownshipPath(household.Path) is not { } township)
        {
            return [];
        }
        return await db.Households.AsNoTracking()
            .Where(h => h.Id != id && h.Village!.Path.StartsWith(township))
            .OrderByDescending(h => h.VillageId == household.VillageId).ThenBy(h => h.Village!.DisplayOrder).ThenBy(h => h.Id)
            .Select(h => new HouseholdOption(
                h.Id, h.Village!.Name, h.VillageId == household.VillageId,
                db.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.Name).FirstOrDefault() ?? "（未设户主）", h.Address))
            .Take(500)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Open campaigns whose area holds the village: the county's, and a township-run one of its township.</summary>
    internal static async Task<List<Campaign>> OpenCampaignsOfAsync(EnrollmentDbContext db, string villagePath, CancellationToken cancellationToken)
    {
        var open = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open).OrderBy(c => c.PolicyYear).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var areaIds = open.Where(c => c.JurisdictionId is not null).Select(c => c.JurisdictionId!.Value).ToList();
        // A campaign's area may lie above a village collector's subtree: its path is read tenant-wide.
        var areas = await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => areaIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Path, cancellationToken);
        return [.. open.Where(c => c.JurisdictionId is not { } area
            || (areas.TryGetValue(area, out var path) && villagePath.StartsWith(path, StringComparison.Ordinal)))];
    }

    private static async Task<IReadOnlyList<string>> PlaceNamesAsync(EnrollmentDbContext db, string villagePath, CancellationToken cancellationToken)
    {
        // The names above the village may lie outside a village collector's subtree, as on the resident page.
        var ids = villagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var names = await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
        return [.. ids.Skip(1).Select(i => names.GetValueOrDefault(i, "?"))];
    }
}
