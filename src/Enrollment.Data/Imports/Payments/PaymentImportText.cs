using Enrollment.Data.Payments;

namespace Enrollment.Data.Imports.Payments;

/// <summary>The report's messages for the outcomes of an accepted payment row (the code says it for machines).</summary>
internal static class PaymentImportText
{
    public const string Matched = "与村代收录入的同金额未到账缴费相符：确认该笔缴费到账，不另记一笔。";

    public const string RefundDue = "此人在本征缴活动中已有缴费：本笔照收并记为重复缴费待退费，不重复计入已缴费。";

    public static string? Code(PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Recorded => null,
        PaymentOutcome.Matched => "matched",
        PaymentOutcome.RefundDue => "refund_due",
    };

    public static string? Message(PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Recorded => null,
        PaymentOutcome.Matched => Matched,
        PaymentOutcome.RefundDue => RefundDue,
    };
}
