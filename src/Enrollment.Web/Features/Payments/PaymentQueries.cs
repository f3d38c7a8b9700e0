using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Imports.Payments;
using Enrollment.Data.Payments;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Payments;

/// <summary>A channel a clerk may record (every one but the government's own payment), as the picker lists it.</summary>
public sealed record ChannelChoice(string Code, string Name);

/// <summary>A village of the user's subtree to filter the confirm list by, township first, in official order.</summary>
public sealed record VillageChoice(long Id, string Name);

/// <summary>An unconfirmed payment on the confirm page.</summary>
public sealed record UnconfirmedRow(
    long Id, long ResidentId, string Name, string MaskedCitizenId, long VillageId, string Village, decimal Amount, string Channel,
    string? Reference, DateOnly PaidOn, DateTimeOffset RecordedAt, string RecordedBy, bool Mine)
{
    public DateOnly RecordedOn => DateOnly.FromDateTime(RecordedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
}

/// <summary>The confirm page's filters: a village and the day entries were recorded (China Standard Time).</summary>
public sealed class ConfirmFilter
{
    public long? VillageId { get; set; }

    public DateOnly? RecordedOn { get; set; }
}

/// <summary>
/// The payment pages' reads: a person's or a household's amount due on a date, a household payment's preview, the
/// channels, and the confirm list. Everything goes through the query filters, so the user's county and subtree
/// bound every answer (a record outside them is null or an empty page, as elsewhere).
/// </summary>
public sealed class PaymentQueries(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The person's open campaigns with what paying on <paramref name="on"/> (default: today) costs.</summary>
    public async Task<ResidentDues?> ResidentDuesAsync(long residentId, DateOnly? on, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == residentId)
            .Select(r => new { r.Id, r.Name, r.Village!.Path }).SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return null;
        }
        var dues = new PaymentDues(db, clock.Today());
        var day = on ?? dues.Today;
        var campaigns = await dues.OfAsync(resident.Id, resident.Path, day, cancellationToken);
        return new ResidentDues(resident.Id, resident.Name, day, dues.Today, [.. campaigns.Select(c => c.Due)]);
    }

    /// <summary>Every member of the household with their open campaigns on <paramref name="on"/> (default: today).</summary>
    public async Task<IReadOnlyList<ResidentDues>?> HouseholdDuesAsync(long householdId, DateOnly? on, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.Village!.Path, h.HeadResidentId }).SingleOrDefaultAsync(cancellationToken);
        if (household is null)
        {
            return null;
        }
        var members = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == householdId)
            .OrderByDescending(r => r.Id == household.HeadResidentId).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
        var dues = new PaymentDues(db, clock.Today());
        var day = on ?? dues.Today;
        var answer = new List<ResidentDues>();
        foreach (var member in members)
        {
            var campaigns = await dues.OfAsync(member.Id, household.Path, day, cancellationToken);
            answer.Add(new ResidentDues(member.Id, member.Name, day, dues.Today, [.. campaigns.Select(c => c.Due)]));
        }
        return answer;
    }

    /// <summary>全户缴费 before it is made: who pays what on <paramref name="paidOn"/>, who is skipped and why.</summary>
    public async Task<HouseholdPreview?> HouseholdPreviewAsync(long householdId, long campaignId, DateOnly paidOn, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return (await HouseholdPayment.PreviewAsync(db, new PaymentDues(db, clock.Today()), householdId, campaignId, paidOn, cancellationToken))?.Preview;
    }

    /// <summary>The channels a clerk records, in the catalogue's order (the government's own payment is not one).</summary>
    public async Task<IReadOnlyList<ChannelChoice>> ChannelsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await ChannelQuery(db).ToListAsync(cancellationToken);
    }

    internal static IQueryable<ChannelChoice> ChannelQuery(EnrollmentDbContext db) =>
        Recordable(db).OrderBy(c => c.DisplayOrder).Select(c => new ChannelChoice(c.Code, c.Name));

    /// <summary>The channels a hand entry may name.</summary>
    internal static IQueryable<PaymentChannel> Recordable(EnrollmentDbContext db) =>
        db.PaymentChannels.AsNoTracking().Where(c => !c.IsGovernment && c.Code != PaymentChannelText.GovernmentDirect);

    /// <summary>The villages of the user's subtree, township by township in official order.</summary>
    public async Task<IReadOnlyList<VillageChoice>> VillagesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ConfirmPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var villages = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Village)
            .Select(j => new { j.Id, j.Name, j.Path, j.DisplayOrder }).ToListAsync(cancellationToken);
        var townshipIds = villages.Select(v => CampaignProgress.AncestorAt(v.Path, 1)).OfType<long>().Distinct().ToList();
        // A village collector's or clerk's township may lie above their subtree: read tenant-wide, as the resident page does.
        var townships = await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => townshipIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => (j.Name, j.DisplayOrder), cancellationToken);
        (string Name, int Order) TownshipOf(string path) =>
            CampaignProgress.AncestorAt(path, 1) is { } id && townships.TryGetValue(id, out var t) ? t : ("", int.MaxValue);
        return [.. villages.OrderBy(v => TownshipOf(v.Path).Order).ThenBy(v => TownshipOf(v.Path).Name, StringComparer.Ordinal)
            .ThenBy(v => v.DisplayOrder).ThenBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => new VillageChoice(v.Id, $"{TownshipOf(v.Path).Name} {v.Name}".Trim()))];
    }

    /// <summary>到账确认: the subtree's unconfirmed payments, newest entry first, paged on the server.</summary>
    public async Task<GridPage<UnconfirmedRow>> UnconfirmedAsync(ConfirmFilter filter, GridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var user = await currentUser.RequireAsync(Operation.ConfirmPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var query = db.Payments.AsNoTracking().Where(p => p.State == PaymentState.Unconfirmed);
        if (filter.VillageId is { } villageId)
        {
            query = query.Where(p => p.Enrollment!.Resident!.VillageId == villageId);
        }
        if (filter.RecordedOn is { } day)
        {
            var (from, to) = PaymentDesk.DayInChina(day);
            query = query.Where(p => p.RecordedAt >= from && p.RecordedAt < to);
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(p => p.RecordedAt).ThenByDescending(p => p.Id).Skip(request.Skip).Take(request.Size)
            .Select(p => new
            {
                p.Id, p.ResidentId, p.Enrollment!.Resident!.Name, p.Enrollment.Resident.CitizenId, p.Enrollment.Resident.VillageId,
                Village = p.Enrollment.Resident.Village!.Name, p.Amount,
                Channel = db.PaymentChannels.Where(c => c.Code == p.ChannelCode).Select(c => c.Name).FirstOrDefault(),
                p.Reference, p.PaidOn, p.RecordedAt, p.RecordedByUserId,
                RecordedBy = db.UserAccounts.Where(u => u.Id == p.RecordedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return new GridPage<UnconfirmedRow>([.. rows.Select(p => new UnconfirmedRow(
            p.Id, p.ResidentId, p.Name, CitizenIdMask.Mask(p.CitizenId), p.VillageId, p.Village, p.Amount, p.Channel ?? "—", p.Reference,
            p.PaidOn, p.RecordedAt, p.RecordedBy ?? "—", p.RecordedByUserId == user.Id))], total);
    }
}
