using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Residents;

/// <summary>
/// 死亡 / 迁出 on the resident page. The person stays on record (status, date and evidence; the duplicate registry
/// releases their number on the same save) and leaves the lists of people to enroll from that date. In each open
/// campaign covering their village, an unpaid enrollment (no confirmed, unreversed payment, as progress counts paid)
/// is cancelled with the reason; a paid one is kept — the contribution was collected for that year.
/// </summary>
public sealed class LifeEventCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<LifeEventResult> RecordAsync(long residentId, LifeEventForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.Include(r => r.Village).Include(r => r.Household)
            .SingleOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        if (resident is null)
        {
            return LifeEventResult.NotFound;
        }
        var errors = Check(form, resident, clock.Today());
        if (errors.Count > 0)
        {
            return LifeEventResult.Refused(errors);
        }
        var evidence = TextInput.Read(form.Evidence, "证明材料", LifeEventForm.EvidenceMax, required: true).Value!;
        resident.Status = form.Kind switch
        {
            LifeEventKind.Death => ResidentStatus.Deceased,
            LifeEventKind.MoveOut => ResidentStatus.MovedOut,
        };
        resident.StatusChangedOn = form.OccurredOn;
        resident.StatusEvidence = evidence;

        var reason = $"{ResidentText.Of(resident.Status)}（{form.OccurredOn:yyyy-MM-dd}，证明材料：{evidence}）";
        List<string> cancelled = [], kept = [];
        foreach (var campaign in await HouseholdQueries.OpenCampaignsOfAsync(db, resident.Village!.Path, cancellationToken))
        {
            var paid = CampaignProgress.PaidEnrollments(db, campaign.Id).Select(e => e.Id);
            var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.CampaignId == campaign.Id && e.ResidentId == resident.Id, cancellationToken);
            if (enrollment is null || enrollment.Status == EnrollmentStatus.Cancelled)
            {
                continue;
            }
            if (await paid.ContainsAsync(enrollment.Id, cancellationToken))
            {
                kept.Add(campaign.Name);
                continue;
            }
            enrollment.Status = EnrollmentStatus.Cancelled;
            enrollment.CancelReason = reason;
            cancelled.Add(campaign.Name);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return LifeEventResult.Refused(new() { [nameof(LifeEventForm.Kind)] = ResidentEditText.Stale });
        }
        var headNeedsReplacing = resident.Household?.HeadResidentId == resident.Id
            && await db.Residents.AnyAsync(r => r.HouseholdId == resident.HouseholdId && r.Id != resident.Id && r.Status == ResidentStatus.Active, cancellationToken);
        return new LifeEventResult(true, new Dictionary<string, string>(), cancelled, kept, headNeedsReplacing);
    }

    /// <summary>Every rule of the form, keyed by field.</summary>
    public static Dictionary<string, string> Check(LifeEventForm form, Resident resident, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(resident);
        var errors = new Dictionary<string, string>();
        if (!Enum.IsDefined(form.Kind))
        {
            errors[nameof(LifeEventForm.Kind)] = "请选择变动类型（死亡或迁出）。";
        }
        else if (resident.Status != ResidentStatus.Active)
        {
            errors[nameof(LifeEventForm.Kind)] = $"该人员已是“{ResidentText.Of(resident.Status)}”状态，不能再登记变动。";
        }
        if (form.OccurredOn is not { } on)
        {
            errors[nameof(LifeEventForm.OccurredOn)] = "请填写变动日期。";
        }
        else if (on > today)
        {
            errors[nameof(LifeEventForm.OccurredOn)] = $"变动日期 {on:yyyy-MM-dd} 晚于今天 {today:yyyy-MM-dd}。";
        }
        else if (on < resident.BirthDate)
        {
            errors[nameof(LifeEventForm.OccurredOn)] = "变动日期早于该人员的出生日期。";
        }
        if (TextInput.Read(form.Evidence, "证明材料", LifeEventForm.EvidenceMax, required: true).Problem is { } problem)
        {
            errors[nameof(LifeEventForm.Evidence)] = problem;
        }
        return errors;
    }
}
