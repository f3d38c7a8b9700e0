using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Payments;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>One sheet with its people: the received sheet's payments, or the collector's open cash of that day and village.</summary>
internal static class HandoverSheetRead
{
    public const string Channel = "village_collection";

    public static async Task<HandoverSheetView?> LoadAsync(
        EnrollmentDbContext db, SignedInUser user, HandoverSheetKey key, CancellationToken cancellationToken)
    {
        if (await HandoverSheetList.FindAsync(db, user, key, cancellationToken) is not { } sheet)
        {
            return null;
        }
        var lines = await LinesAsync(db, key, sheet.ReceivedAt is not null, cancellationToken);
        var county = await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => j.Level == JurisdictionLevel.County).Select(j => j.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        // A received sheet keeps the cash counted at the counter; an open one counts what is not reversed now.
        var count = sheet.ReceivedAt is null ? lines.Count(l => l.Counted) : sheet.Count;
        var total = sheet.ReceivedAt is null ? lines.Where(l => l.Counted).Sum(l => l.Amount) : sheet.Total;
        return new HandoverSheetView(
            key, county, sheet.Township, sheet.Village, sheet.Collector, lines, count, total, ChineseAmount.Format(total),
            sheet.ReceivedAt, sheet.ReceivedBy, HandoverSheetList.CanReceive(user, sheet), Fingerprint(lines));
    }

    /// <summary>What the clerk saw: the payments and the counted sum (a new or a reversed payment changes it).</summary>
    public static string Fingerprint(IReadOnlyList<HandoverLine> lines) =>
        $"{lines.Count}-{lines.Sum(l => l.PaymentId)}-{lines.Where(l => l.Counted).Sum(l => l.Amount):0.00}";

    public static async Task<IReadOnlyList<HandoverLine>> LinesAsync(
        EnrollmentDbContext db, HandoverSheetKey key, bool received, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsNoTracking().Where(p => p.ChannelCode == Channel && p.RecordedByUserId == key.CollectorUserId);
        if (received)
        {
            var sheetId = db.HandoverSheets.Where(h => h.CollectorUserId == key.CollectorUserId && h.VillageId == key.VillageId
                && h.CollectedOn == key.CollectedOn && h.Number == key.Number).Select(h => (long?)h.Id);
            payments = payments.Where(p => p.HandoverSheetId == sheetId.FirstOrDefault());
        }
        else
        {
            payments = payments.Where(p => p.HandoverSheetId == null && p.PaidOn == key.CollectedOn && p.Enrollment!.Resident!.VillageId == key.VillageId);
        }
        var rows = await payments.OrderBy(p => p.Id).Select(p => new
        {
            p.Id, p.Amount, p.Reference, p.State, p.Enrollment!.Resident!.Name, p.Enrollment.Resident.CitizenId,
            Village = p.Enrollment.Resident.Village!.Name, p.Enrollment.Resident.HouseholdId,
        }).ToListAsync(cancellationToken);
        var householdIds = rows.Select(r => r.HouseholdId).OfType<long>().Distinct().ToList();
        var numbers = await db.Households.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction]).Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.HouseholdNumber }).ToDictionaryAsync(h => h.Id, h => h.HouseholdNumber, cancellationToken);
        return [.. rows.Select(r => new HandoverLine(
            r.Id, r.Name, CitizenIdMask.Mask(r.CitizenId), r.Village, r.HouseholdId is { } h ? numbers.GetValueOrDefault(h) : null,
            r.Amount, r.Reference, r.State))];
    }
}
