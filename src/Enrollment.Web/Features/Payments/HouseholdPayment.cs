using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Payments;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Payments;

/// <summary>
/// Who of a household pays what on a date in one campaign: every active member who owes something; the others are
/// listed with the reason they are skipped (paid, waiting for confirmation, government-paid, excluded, cancelled…).
/// </summary>
internal static class HouseholdPayment
{
    /// <summary>Null when the household is outside the user's subtree, or the campaign is not open for it.</summary>
    public static async Task<(HouseholdPreview Preview, List<DeskPayment> Payments)?> PreviewAsync(
        EnrollmentDbContext db, PaymentDues dues, long householdId, long campaignId, DateOnly paidOn, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.Id, h.Village!.Path, h.HeadResidentId }).SingleOrDefaultAsync(ct);
        if (household is null)
        {
            return null;
        }
        var members = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == householdId)
            .OrderByDescending(r => r.Id == household.HeadResidentId).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.CitizenId, r.Status }).ToListAsync(ct);
        var paying = new List<HouseholdPayRow>();
        var skipped = new List<HouseholdPayRow>();
        var payments = new List<DeskPayment>();
        string? campaignName = null;
        string? problem = null;
        foreach (var member in members)
        {
            var masked = CitizenIdMask.Mask(member.CitizenId);
            if (member.Status != ResidentStatus.Active)
            {
                skipped.Add(new(member.Id, member.Name, masked, null, $"{ResidentText.Of(member.Status)}，无需缴费"));
                continue;
            }
            var quoted = (await dues.OfAsync(member.Id, household.Path, paidOn, ct)).FirstOrDefault(d => d.Due.CampaignId == campaignId);
            if (quoted is null)
            {
                return null;
            }
            campaignName = quoted.Due.Campaign;
            var due = quoted.Due;
            if (due.Owes && quoted.Snapshot is not null)
            {
                paying.Add(new(member.Id, member.Name, masked, due.AmountDue, null));
                payments.Add(new DeskPayment(due.EnrollmentId!.Value, due.AmountDue!.Value, quoted.Snapshot));
            }
            else
            {
                problem ??= due.Standing == DueStanding.Unpaid ? due.Problem : null;
                skipped.Add(new(member.Id, member.Name, masked, null, Reason(due)));
            }
        }
        if (campaignName is null)
        {
            // No active member to look the campaign up through: it must still be one of the household's open campaigns.
            campaignName = (await Households.HouseholdQueries.OpenCampaignsOfAsync(db, household.Path, ct))
                .FirstOrDefault(c => c.Id == campaignId)?.Name;
            if (campaignName is null)
            {
                return null;
            }
        }
        var preview = new HouseholdPreview(household.Id, campaignId, campaignName, paidOn, paying, skipped, paying.Sum(p => p.Amount ?? 0), problem);
        return (preview, payments);
    }

    private static string Reason(CampaignDue due) => due.Standing switch
    {
        DueStanding.Unpaid when due.Problem is { } problem => problem,
        DueStanding.Unpaid => "政府全额资助，个人无需缴费",
        DueStanding.Unconfirmed => "已登记缴费，等待确认",
        DueStanding.Paid => "已缴费",
        DueStanding.GovernmentPaid => "政府代缴",
        DueStanding.Excluded => "不参保（已排除）",
        DueStanding.Cancelled => "参保登记已注销",
        DueStanding.NotEnrolled => "未登记参保",
    };
}
