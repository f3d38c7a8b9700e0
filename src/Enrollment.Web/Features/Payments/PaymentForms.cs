using Enrollment.Data.Payments;

namespace Enrollment.Web.Features.Payments;

/// <summary>收费登记 for one person in one campaign: channel, reference (票据号/交易流水号), date and amount.</summary>
public sealed class RecordPaymentForm
{
    public long ResidentId { get; set; }

    public long CampaignId { get; set; }

    public string? Channel { get; set; }

    public string? Reference { get; set; }

    public DateOnly? PaidOn { get; set; }

    public decimal? Amount { get; set; }
}

/// <summary>
/// 全户缴费: one channel, one reference and one date for every member who owes something. <see cref="ExpectedTotal"/>
/// is the total the clerk saw and confirmed; a different total now (a member paid meanwhile) is not recorded.
/// </summary>
public sealed class HouseholdPaymentForm
{
    public long HouseholdId { get; set; }

    public long CampaignId { get; set; }

    public string? Channel { get; set; }

    public string? Reference { get; set; }

    public DateOnly? PaidOn { get; set; }

    public decimal? ExpectedTotal { get; set; }
}

/// <summary>What came of a payment entry: not found (outside the scope), refused per field, or recorded with its outcome.</summary>
public sealed record PaymentRecordAnswer(bool Found, PaymentOutcome? Outcome, IReadOnlyDictionary<string, string> Errors)
{
    public bool Recorded => Outcome is not null;

    public static PaymentRecordAnswer NotFound { get; } = new(false, null, new Dictionary<string, string>());

    public static PaymentRecordAnswer Refused(string field, string message) => new(true, null, new Dictionary<string, string> { [field] = message });
}

/// <summary>A member of a household payment: paying <see cref="Amount"/>, or skipped with <see cref="Skipped"/> (the reason).</summary>
public sealed record HouseholdPayRow(long ResidentId, string Name, string MaskedCitizenId, decimal? Amount, string? Skipped);

/// <summary>A household payment before it is made: who pays what on the date, who is skipped and why, the total.</summary>
public sealed record HouseholdPreview(
    long HouseholdId, long CampaignId, string Campaign, DateOnly PaidOn, IReadOnlyList<HouseholdPayRow> Paying,
    IReadOnlyList<HouseholdPayRow> Skipped, decimal Total, string? Problem);

/// <summary>What came of a household payment: how many were recorded (and of those, how many are refund_due).</summary>
public sealed record HouseholdPaymentAnswer(bool Found, int Recorded, int RefundDue, HouseholdPreview? Preview, IReadOnlyDictionary<string, string> Errors)
{
    public static HouseholdPaymentAnswer NotFound { get; } = new(false, 0, 0, null, new Dictionary<string, string>());
}

/// <summary>A confirmation's or reversal's answer: done, or a Chinese reason.</summary>
public sealed record PaymentChangeAnswer(bool Found, bool Done, string Message);

/// <summary>确认本村当日: how many were confirmed, and how many were the user's own entries left for someone else.</summary>
public sealed record VillageDayAnswer(bool Found, int Confirmed, int OwnSkipped, string Message);
