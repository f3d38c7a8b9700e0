using Enrollment.Data;
using Enrollment.Data.Payments;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Payments;

/// <summary>
/// What the payment pages change: 收费登记 (a person, a whole household), 到账确认 (one, or a village's day) and 冲正.
/// Each checks the permission table, works in a context of its own acting for the user (a resident, household or
/// payment outside the subtree is not found), recomputes the amount due on the server, and writes through the payment
/// desk — the payment service in one transaction, audited. Refusals are Chinese sentences, never exceptions.
/// </summary>
public sealed partial class PaymentCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>Receipts and transaction numbers are at most 50 characters.</summary>
    public const int ReferenceLength = 50;

    /// <summary>A reversal's reason is at most 200 characters, as the dialog says.</summary>
    public const int ReasonLength = 200;

    public async Task<PaymentRecordAnswer> RecordAsync(RecordPaymentForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == form.ResidentId)
            .Select(r => new { r.Id, r.Village!.Path }).SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return PaymentRecordAnswer.NotFound;
        }
        var (entry, errors) = await ReadEntryAsync(db, form.Channel, form.Reference, form.PaidOn, cancellationToken);
        if (entry is null)
        {
            return new PaymentRecordAnswer(true, null, errors);
        }
        var dues = new PaymentDues(db, clock.Today());
        var quoted = (await dues.OfAsync(resident.Id, resident.Path, entry.PaidOn, cancellationToken)).FirstOrDefault(d => d.Due.CampaignId == form.CampaignId);
        if (quoted is null)
        {
            return PaymentRecordAnswer.NotFound;
        }
        var due = quoted.Due;
        // A second payment for someone paid or waiting is taken (the money was received) and listed for a refund.
        var second = due.Standing is DueStanding.Paid or DueStanding.Unconfirmed;
        if (!due.Owes && !(second && due.AmountDue > 0))
        {
            return PaymentRecordAnswer.Refused(nameof(RecordPaymentForm.PaidOn), due.Problem ?? PaymentText.NothingToPay);
        }
        if (form.Amount != due.AmountDue)
        {
            return PaymentRecordAnswer.Refused(nameof(RecordPaymentForm.Amount), PaymentText.WrongAmount(due.AmountDue!.Value, entry.PaidOn));
        }
        var recording = await PaymentDesk.RecordAllAsync(db, [new DeskPayment(due.EnrollmentId!.Value, due.AmountDue!.Value, quoted.Snapshot)],
            entry.Channel, entry.Reference, entry.PaidOn, user.Id, user.Login, clock.GetUtcNow(), cancellationToken);
        return recording switch
        {
            { DuplicateReference: true } => PaymentRecordAnswer.Refused(nameof(RecordPaymentForm.Reference), PaymentText.ReferenceUsed),
            { NotRegistered: not null } => PaymentRecordAnswer.Refused(nameof(RecordPaymentForm.PaidOn), "该人员的参保登记已注销，不能缴费。请刷新页面。"),
            _ => new PaymentRecordAnswer(true, recording.Recorded[0].Outcome, new Dictionary<string, string>()),
        };
    }

    public async Task<HouseholdPaymentAnswer> RecordHouseholdAsync(HouseholdPaymentForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (!await db.Households.AnyAsync(h => h.Id == form.HouseholdId, cancellationToken))
        {
            return HouseholdPaymentAnswer.NotFound;
        }
        var (entry, errors) = await ReadEntryAsync(db, form.Channel, form.Reference, form.PaidOn, cancellationToken);
        if (entry is null)
        {
            return new HouseholdPaymentAnswer(true, 0, 0, null, errors);
        }
        if (await HouseholdPayment.PreviewAsync(db, new PaymentDues(db, clock.Today()), form.HouseholdId, form.CampaignId, entry.PaidOn, cancellationToken)
            is not var (preview, payments))
        {
            return HouseholdPaymentAnswer.NotFound;
        }
        if (payments.Count == 0)
        {
            return Refused(preview, nameof(HouseholdPaymentForm.PaidOn), preview.Problem ?? "本户没有需要缴费的成员。");
        }
        if (form.ExpectedTotal is { } expected && expected != preview.Total)
        {
            return Refused(preview, nameof(HouseholdPaymentForm.ExpectedTotal),
                $"应缴合计已变为 {PaymentText.Money(preview.Total)} 元（按缴费日期 {PaymentText.Day(entry.PaidOn)} 计算），请核对后重新确认。");
        }
        var recording = await PaymentDesk.RecordAllAsync(db, payments, entry.Channel, entry.Reference, entry.PaidOn, user.Id, user.Login,
            clock.GetUtcNow(), cancellationToken);
        if (recording.DuplicateReference)
        {
            return Refused(preview, nameof(HouseholdPaymentForm.Reference), "该票据号/交易流水号已登记过本户成员的缴费，全户均未登记，请核对后重新输入。");
        }
        if (recording.NotRegistered is { } enrollment)
        {
            var name = preview.Paying[payments.FindIndex(p => p.EnrollmentId == enrollment)].Name;
            return Refused(preview, nameof(HouseholdPaymentForm.PaidOn), PaymentText.NoLongerRegistered(name));
        }
        return new HouseholdPaymentAnswer(true, recording.Recorded.Count, recording.Recorded.Count(r => r.Outcome == PaymentOutcome.RefundDue),
            preview, new Dictionary<string, string>());
    }

    public async Task<PaymentChangeAnswer> ConfirmAsync(long paymentId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ConfirmPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var answer = await PaymentDesk.ConfirmAsync(db, paymentId, user.Id, user.Login, clock.GetUtcNow(), cancellationToken);
        return Answer(answer, "已确认到账。");
    }

    /// <summary>确认本村当日: every unconfirmed entry of the village recorded on <paramref name="recordedOn"/>, except the user's own.</summary>
    public async Task<VillageDayAnswer> ConfirmVillageDayAsync(long villageId, DateOnly recordedOn, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ConfirmPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var village = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == villageId && j.Level == Data.Entities.JurisdictionLevel.Village)
            .Select(j => j.Name).SingleOrDefaultAsync(cancellationToken);
        if (village is null)
        {
            return new VillageDayAnswer(false, 0, 0, "找不到该村（社区），或不在您的辖区内。");
        }
        var (confirmed, own) = await PaymentDesk.ConfirmVillageDayAsync(db, villageId, recordedOn, user.Id, user.Login, clock.GetUtcNow(), cancellationToken);
        var message = $"已确认{village} {PaymentText.Day(recordedOn)} 登记的缴费 {confirmed} 笔。"
            + (own > 0 ? $"其中 {own} 笔为您本人登记，须由其他经办人员确认。" : "");
        return new VillageDayAnswer(true, confirmed, own, message);
    }

    public async Task<PaymentChangeAnswer> ReverseAsync(long paymentId, string? reason, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ConfirmPayments);
        var why = TextInput.ReadLines(reason, PaymentText.ReasonLabel, ReasonLength, required: true);
        if (why is not { IsOk: true, Value: { } text })
        {
            return new PaymentChangeAnswer(true, false, why.Problem ?? $"请填写{PaymentText.ReasonLabel}。");
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var answer = await PaymentDesk.ReverseAsync(db, paymentId, text, user.IsCountyLevel, user.Id, user.Login, clock.GetUtcNow(), cancellationToken);
        return Answer(answer, "已冲正，该人员的参保状态已恢复为未缴费（如有重复缴费，改由该笔计为已缴费）。");
    }

    private sealed record Entry(string Channel, string Reference, DateOnly PaidOn);

    /// <summary>The fields a person's and a household's payment share: a clerk's channel, a reference, a date.</summary>
    private static async Task<(Entry? Entry, Dictionary<string, string> Errors)> ReadEntryAsync(
        EnrollmentDbContext db, string? channel, string? reference, DateOnly? paidOn, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        // Only a code of the picker is looked up: anything else (text, control characters) is no channel.
        if (channel is null || !ChannelCode().IsMatch(channel) || !await PaymentQueries.Recordable(db).AnyAsync(c => c.Code == channel, cancellationToken))
        {
            errors[nameof(RecordPaymentForm.Channel)] = PaymentText.ChooseChannel;
        }
        var read = TextInput.Read(reference, "票据号/交易流水号", ReferenceLength, required: true);
        if (read.Problem is { } problem)
        {
            errors[nameof(RecordPaymentForm.Reference)] = problem;
        }
        if (paidOn is null)
        {
            errors[nameof(RecordPaymentForm.PaidOn)] = PaymentText.ChooseDate;
        }
        return errors.Count == 0 ? (new Entry(channel!, read.Value!, paidOn!.Value), errors) : (null, errors);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex ChannelCode();

    private static HouseholdPaymentAnswer Refused(HouseholdPreview preview, string field, string message) =>
        new(true, 0, 0, preview, new Dictionary<string, string> { [field] = message });

    private static PaymentChangeAnswer Answer(DeskAnswer answer, string done) => answer.Refusal switch
    {
        null => new PaymentChangeAnswer(true, true, done),
        DeskRefusal.NotFound => new PaymentChangeAnswer(false, false, PaymentText.NotFound),
        { } refusal => new PaymentChangeAnswer(true, false, PaymentText.Refusal(refusal, answer.State)),
    };
}
