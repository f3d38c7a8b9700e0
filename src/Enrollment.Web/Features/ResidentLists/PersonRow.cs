using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Quoting;
using Enrollment.Domain.Residents;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.ResidentLists;

/// <summary>
/// Where a person stands in the campaign people work on now: an enrollment paid or only registered, excluded
/// (不参保: a recorded reason), or neither (a cancelled enrollment counts as not enrolled).
/// </summary>
public enum CampaignStanding
{
    Registered,
    Paid,
    Excluded,
    NotEnrolled,
}

/// <summary>
/// One person in a search result or a village's list. The ID number is masked (docs/security.md: every page and
/// export) and no birth date or age goes with it; the full number stays on the resident's audited page.
/// <see cref="Standing"/> and <see cref="Payable"/> are null when the county has no campaign. <see cref="PayableStale"/>:
/// the stored amount predates the campaign's current policy and a background re-quote has not reached it yet, so it
/// is shown as 重算中, not as the amount due.
/// </summary>
public sealed record PersonRow(
    long Id, string Name, string MaskedCitizenId, Sex Sex, long VillageId, string Township, string Village, string? HouseholdNumber,
    string? Phone, ResidentStatus Status, CampaignStanding? Standing, decimal? Payable, bool PayableStale = false);

/// <summary>
/// The rows shared by the search, the lists and the exports: the residents' page as ordered and cut, each row with its
/// enrollment and exclusion looked up by key, then the household numbers. Joining the enrollments into the page's
/// query instead made PostgreSQL join the whole campaign's enrollments (1.4 million in 滕州) before cutting the page:
/// 2 s for a page of 25 (docs/performance.md, "Finding people").
/// </summary>
internal static class PersonRows
{
    private sealed record Base(
        long Id, string Name, string CitizenId, Sex Sex, long VillageId, long? HouseholdId, string? Phone, ResidentStatus Status,
        EnrollmentStatus? Enrollment, decimal? Payable, int? QuoteVersion, long? Exclusion);

    /// <summary>
    /// The rows of <paramref name="residents"/> (already filtered, ordered and paged), with their standing in
    /// <paramref name="campaignId"/> and the names of their places from <paramref name="placeOf"/> (empty when null:
    /// the caller names them once it knows the villages).
    /// </summary>
    public static async Task<List<PersonRow>> LoadAsync(
        EnrollmentDbContext db, IQueryable<Resident> residents, long? campaignId, Func<long, (string Township, string Village)>? placeOf,
        CancellationToken cancellationToken)
    {
        // The enrollment (the key campaign + resident is unique) and an exclusion as scalar subqueries with LIMIT 1:
        // PostgreSQL runs them per row of the page, each by key. As a join, or as lists of the page's ids, the
        // planner read every resident of the user's township through the query filters' joins (17–600 ms).
        var enrollments = db.Enrollments.Where(e => e.CampaignId == campaignId);
        var exclusions = db.Exclusions.Where(x => x.CampaignId == campaignId);
        var currentVersion = campaignId is { } campaign ? await StaleQuotes.CurrentVersionAsync(db, campaign, cancellationToken) : 0;
        var people = await residents
            .Select(r => new Base(
                r.Id, r.Name, r.CitizenId, r.Sex, r.VillageId, r.HouseholdId, r.Phone, r.Status,
                enrollments.Where(e => e.ResidentId == r.Id).Select(e => (EnrollmentStatus?)e.Status).FirstOrDefault(),
                enrollments.Where(e => e.ResidentId == r.Id).Select(e => e.QuotePayable).FirstOrDefault(),
                enrollments.Where(e => e.ResidentId == r.Id).Select(e => e.QuotePolicyVersion).FirstOrDefault(),
                exclusions.Where(x => x.ResidentId == r.Id).Select(x => (long?)x.Id).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var householdIds = people.Select(p => p.HouseholdId).OfType<long>().Distinct().ToList();
        var numbers = householdIds.Count == 0 ? new Dictionary<long, string?>() : await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.HouseholdNumber }).ToDictionaryAsync(h => h.Id, h => h.HouseholdNumber, cancellationToken);
        return [.. people.Select(p =>
        {
            var (township, village) = placeOf?.Invoke(p.VillageId) ?? ("", "");
            return new PersonRow(
                p.Id, p.Name, CitizenIdMask.Mask(p.CitizenId), p.Sex, p.VillageId, township, village,
                p.HouseholdId is { } h ? numbers.GetValueOrDefault(h) : null, p.Phone, p.Status,
                campaignId is null ? null : StandingOf(p.Enrollment, p.Exclusion is not null),
                p.Enrollment is EnrollmentStatus.Registered or EnrollmentStatus.Unconfirmed or EnrollmentStatus.Paid or EnrollmentStatus.GovernmentPaid ? p.Payable : null,
                p.Enrollment is { } status && StaleQuotes.IsStale(status, p.QuoteVersion, currentVersion));
        })];
    }

    /// <summary>Only residents of <paramref name="standing"/> in <paramref name="campaignId"/>.</summary>
    public static IQueryable<Resident> Having(EnrollmentDbContext db, IQueryable<Resident> residents, long campaignId, CampaignStanding standing)
    {
        var enrollments = db.Enrollments.Where(e => e.CampaignId == campaignId);
        var paid = enrollments.Where(CampaignEnrollment.IsPaid);
        var excluded = db.Exclusions.Where(x => x.CampaignId == campaignId);
        return standing switch
        {
            CampaignStanding.Paid => residents.Where(r => paid.Any(e => e.ResidentId == r.Id)),
            CampaignStanding.Registered => residents.Where(r => enrollments.Any(e => e.ResidentId == r.Id && (e.Status == EnrollmentStatus.Registered || e.Status == EnrollmentStatus.Unconfirmed))),
            CampaignStanding.Excluded => residents.Where(r => !enrollments.Any(e => e.ResidentId == r.Id && e.Status != EnrollmentStatus.Cancelled)
                && excluded.Any(x => x.ResidentId == r.Id)),
            CampaignStanding.NotEnrolled => residents.Where(r => !enrollments.Any(e => e.ResidentId == r.Id && e.Status != EnrollmentStatus.Cancelled)
                && !excluded.Any(x => x.ResidentId == r.Id)),
        };
    }

    /// <summary>A live enrollment first (paid, then registered); a cancelled one counts as none.</summary>
    private static CampaignStanding StandingOf(EnrollmentStatus? enrollment, bool excluded) => enrollment switch
    {
        EnrollmentStatus.Paid or EnrollmentStatus.GovernmentPaid => CampaignStanding.Paid,
        EnrollmentStatus.Registered or EnrollmentStatus.Unconfirmed => CampaignStanding.Registered,
        EnrollmentStatus.Cancelled or null => excluded ? CampaignStanding.Excluded : CampaignStanding.NotEnrolled,
    };
}
