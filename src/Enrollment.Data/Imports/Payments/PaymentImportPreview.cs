namespace Enrollment.Data.Imports.Payments;

/// <summary>
/// An accepted row as the commit stores it: a payment for <see cref="EnrollmentId"/> with the quote it answers
/// (kept in its idempotency record, as the API keeps its answer), or a correction (冲正) of an earlier payment.
/// </summary>
public sealed record PaymentToStore(ParsedPayment Row, long? EnrollmentId, decimal Payable, DateOnly CoverageStart, bool Late)
{
    public bool IsReversal => Row.IsCorrection;
}

/// <summary>
/// The first pass over a tax bureau's payment file for one campaign: every row's verdict (the code says what the
/// commit will do: empty, matched, refund_due or reversal), the rows to store in the file's order, and what the reader
/// noticed. A file refused whole has <see cref="Refusal"/> and no rows.
/// </summary>
public sealed record PaymentImportPreview(
    IReadOnlyList<ImportRowResult> Results, IReadOnlyList<PaymentToStore> ToStore, IReadOnlyList<string> Headers, string? Notice,
    string? Refusal, long CampaignId, string Campaign) : IImportPreview
{
    public ImportCounts Counts { get; } = ImportCounts.Of(Results);

    public static PaymentImportPreview Refused(string refusal, string campaign = "") => new([], [], [], null, refusal, 0, campaign);
}

/// <summary>What a commit stored (by outcome), the rows' final verdicts, or why it stored nothing.</summary>
public sealed record PaymentImportOutcome(
    int Recorded, int Matched, int RefundDue, int Reversed, IReadOnlyList<ImportRowResult> Results, string? Error = null)
{
    public bool Stored => Error is null;

    public int Payments => Recorded + Matched + RefundDue;

    public static PaymentImportOutcome Failed(string error) => new(0, 0, 0, 0, [], error);
}
