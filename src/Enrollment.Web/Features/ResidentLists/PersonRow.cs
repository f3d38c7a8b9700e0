using Enrollment.Data;
using Enrollment.Data.Entities;
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
/// <see cref="Standing"/> and <see cref="Payable"/> are null when the county has no campaign.
/// </summary>
public sealed record PersonRow(
    long Id, string Name, string MaskedCitizenId, Sex Sex, string Township, string Village, string? HouseholdNumber,
    string? Phone, ResidentStatus Status, CampaignStanding? Standing, decimal? Payable);

/// <summary>The row query shared by the search, the lists and the exports: residents already filtered, ordered and paged.</summary>
internal static class PersonRows
{
    /// <summary>The columns of a row as the database returns them (names of places are added afterwards).</summary>
    internal sealed record Raw(
        long Id, string Name, string CitizenId, Sex Sex, long VillageId, string? HouseholdNumber, string? Phone,
        ResidentStatus Status, EnrollmentStatus? Enrollment, decimal? Payable, bool Excluded);

    /// <summary>
    /// The residents' rows with their enrollment in <paramref name="campaignId"/> (at most one: the key is campaign and
    /// resident) and whether they are excluded from it. The order of <paramref name="residents"/> is kept.
    /// </summary>
    public static IQueryable<Raw> Of(EnrollmentDbContext db, IQueryable<Resident> residents, long? campaignId) =>
        from r in residents
        join e in db.Enrollments.Where(e => e.CampaignId == campaignId) on r.Id equals e.ResidentId into enrolled
        from e in enrolled.DefaultIfEmpty()
        select new Raw(
            r.Id, r.Name, r.CitizenId, r.Sex, r.VillageId, r.Household!.HouseholdNumber, r.Phone, r.Status,
            e == null ? null : (EnrollmentStatus?)e.Status, e == null ? null : e.QuotePayable,
            db.Exclusions.Any(x => x.CampaignId == campaignId && x.ResidentId == r.Id));

    /// <summary>Only residents of <paramref name="standing"/> in <paramref name="campaignId"/>.</summary>
    public static IQueryable<Resident> Having(EnrollmentDbContext db, IQueryable<Resident> residents, long campaignId, CampaignStanding standing)
    {
        var enrollments = db.Enrollments.Where(e => e.CampaignId == campaignId);
        var excluded = db.Exclusions.Where(x => x.CampaignId == campaignId);
        return standing switch
        {
            CampaignStanding.Paid => residents.Where(r => enrollments.Any(e => e.ResidentId == r.Id && e.Status == EnrollmentStatus.Paid)),
            CampaignStanding.Registered => residents.Where(r => enrollments.Any(e => e.ResidentId == r.Id && e.Status == EnrollmentStatus.Registered)),
            CampaignStanding.Excluded => residents.Where(r => !enrollments.Any(e => e.ResidentId == r.Id && e.Status != EnrollmentStatus.Cancelled)
                && excluded.Any(x => x.ResidentId == r.Id)),
            CampaignStanding.NotEnrolled => residents.Where(r => !enrollments.Any(e => e.ResidentId == r.Id && e.Status != EnrollmentStatus.Cancelled)
                && !excluded.Any(x => x.ResidentId == r.Id)),
        };
    }

    public static CampaignStanding? StandingOf(Raw raw, bool hasCampaign) => !hasCampaign ? null : raw.Enrollment switch
    {
        EnrollmentStatus.Paid => CampaignStanding.Paid,
        EnrollmentStatus.Registered => CampaignStanding.Registered,
        EnrollmentStatus.Cancelled or null => raw.Excluded ? CampaignStanding.Excluded : CampaignStanding.NotEnrolled,
    };

    /// <summary>
    /// What is due from the person: the quote snapshot of a live enrollment; nothing for a cancelled one.
    /// </summary>
    public static decimal? PayableOf(Raw raw) => raw.Enrollment is EnrollmentStatus.Registered or EnrollmentStatus.Paid ? raw.Payable : null;

    public static PersonRow Row(Raw raw, bool hasCampaign, string township, string village) => new(
        raw.Id, raw.Name, CitizenIdMask.Mask(raw.CitizenId), raw.Sex, township, village, raw.HouseholdNumber, raw.Phone,
        raw.Status, StandingOf(raw, hasCampaign), PayableOf(raw));
}
