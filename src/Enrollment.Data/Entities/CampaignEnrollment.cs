using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// A resident's enrollment (参保登记) in a campaign, with the snapshot of the quote it was charged by
/// (docs/rules.md §12.3): the quote_* columns, all set together by <see cref="ApplyQuote"/>.
/// </summary>
public class CampaignEnrollment : TenantEntity, IJurisdictionScoped
{
    public long CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    public long ResidentId { get; set; }

    public Resident? Resident { get; set; }

    /// <summary>Written by the payment functions from the payments (and by cancellation); see <see cref="IsPaid"/>.</summary>
    public EnrollmentStatus Status { get; set; }

    /// <summary>The counting payment's date, while paid.</summary>
    public DateOnly? PaidOn { get; private set; }

    /// <summary>The counting payment's amount, while paid.</summary>
    public decimal? PaidAmount { get; private set; }

    /// <summary>
    /// "Paid", the one definition: a confirmed, unreversed payment or a government payment, which the payment
    /// functions record as the status. SQL asks the same through <c>enrollment_is_paid(status)</c>.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<CampaignEnrollment, bool>> IsPaid =
        e => e.Status == EnrollmentStatus.Paid || e.Status == EnrollmentStatus.GovernmentPaid;

    /// <summary>The negation of <see cref="IsPaid"/>, built from it so the definition stays in one place.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<CampaignEnrollment, bool>> IsUnpaid =
        System.Linq.Expressions.Expression.Lambda<Func<CampaignEnrollment, bool>>(
            System.Linq.Expressions.Expression.Not(IsPaid.Body), IsPaid.Parameters);

    public EnrollmentHistory History { get; set; }

    /// <summary>Consecutive policy years without enrollment just before this one (≥ 1 exactly when interrupted).</summary>
    public int GapYears { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Why the enrollment was cancelled (a death or a move out recorded while it was unpaid); null otherwise.</summary>
    public string? CancelReason { get; set; }

    public long? RegisteredByUserId { get; set; }

    public DateTimeOffset? QuotedAt { get; private set; }

    /// <summary>The campaign policy version the quote was computed with.</summary>
    public int? QuotePolicyVersion { get; private set; }

    public decimal? QuotePayable { get; private set; }

    public decimal? QuoteSubsidy { get; private set; }

    /// <summary>Subsidy basis code (a category or an age band), null when no subsidy applies.</summary>
    public string? QuoteBasis { get; private set; }

    public decimal? QuoteCountyShare { get; private set; }

    public decimal? QuoteTownshipShare { get; private set; }

    /// <summary><c>fiscal</c>, <c>medical_assistance</c> or <c>special_group</c>; null without subsidy.</summary>
    public string? QuoteFunding { get; private set; }

    /// <summary><c>direct</c> or <c>reimburse</c>; null without subsidy.</summary>
    public string? QuoteMode { get; private set; }

    public DateOnly? QuoteCoverageStart { get; private set; }

    public bool? QuoteLate { get; private set; }

    /// <summary>Records a quote snapshot (replacing any earlier one).</summary>
    public void ApplyQuote(QuoteSnapshot quote, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (quote.CountyShare + quote.TownshipShare != quote.Subsidy)
        {
            throw new ArgumentException("The county and township shares must add up to the subsidy.", nameof(quote));
        }
        QuotedAt = at;
        QuotePolicyVersion = quote.PolicyVersion;
        QuotePayable = quote.Payable;
        QuoteSubsidy = quote.Subsidy;
        QuoteBasis = quote.Basis;
        QuoteCountyShare = quote.CountyShare;
        QuoteTownshipShare = quote.TownshipShare;
        QuoteFunding = quote.Funding;
        QuoteMode = quote.Mode;
        QuoteCoverageStart = quote.CoverageStart;
        QuoteLate = quote.Late;
    }

    /// <summary>PostgreSQL's xmin: an optimistic concurrency token, so two people editing at once get a conflict, not a lost update.</summary>
    public uint RowVersion { get; private set; }
}

/// <summary>The values of a quote kept on the enrollment (the rules service's output row, docs/rules.md §12.3).</summary>
public sealed record QuoteSnapshot(
    int? PolicyVersion,
    decimal Payable,
    decimal Subsidy,
    string? Basis,
    decimal CountyShare,
    decimal TownshipShare,
    string? Funding,
    string? Mode,
    DateOnly CoverageStart,
    bool Late);
