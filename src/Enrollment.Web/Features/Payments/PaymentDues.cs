using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Quoting;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.TrialQuote;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Payments;

/// <summary>Where a person stands in one open campaign, as the payment panels say it.</summary>
public enum DueStanding
{
    NotEnrolled,
    Excluded,
    /// <summary>未缴费: registered, nothing counting or waiting.</summary>
    Unpaid,
    /// <summary>待确认: a hand entry waits for a township clerk.</summary>
    Unconfirmed,
    Paid,
    GovernmentPaid,
    /// <summary>已注销: the enrollment was cancelled (a death or a move out while unpaid).</summary>
    Cancelled,
}

/// <summary>One payment of an enrollment, as the panels list it.</summary>
public sealed record PaymentLine(
    long Id, DateOnly PaidOn, decimal Amount, string Channel, string? Reference, PaymentState State, string RecordedBy,
    DateTimeOffset RecordedAt, string? ReversalReason, bool Claimed);

/// <summary>
/// One open campaign of a person: the standing, and while unpaid what paying on the date asked for costs and when it
/// covers from, with the rules' Chinese explanation — or <see cref="Problem"/>, why that date cannot be quoted.
/// </summary>
public sealed record CampaignDue(
    long CampaignId, string Campaign, long? EnrollmentId, DueStanding Standing, decimal? AmountDue, DateOnly? CoverageStart,
    bool Late, string? Explanation, string? Problem, IReadOnlyList<PaymentLine> Payments)
{
    /// <summary>Something to pay on the date: unpaid, quoted, and not wholly paid by a subsidy.</summary>
    public bool Owes => Standing == DueStanding.Unpaid && AmountDue > 0;
}

/// <summary>A person's open campaigns on <see cref="On"/> (the business date unless another was asked for).</summary>
public sealed record ResidentDues(long ResidentId, string Name, DateOnly On, DateOnly Today, IReadOnlyList<CampaignDue> Campaigns);

/// <summary>A due with the quote snapshot to store with a payment made on its date.</summary>
internal sealed record QuotedDue(CampaignDue Due, QuoteSnapshot? Snapshot);

/// <summary>
/// The amount due on a date: the same inputs and rules engine as the trial quote and the payments API (the stored
/// number, the campaign's certifications, history and township, the campaign's current policy), and the same limits
/// on the date (not after today, not before the collection window opens, inside the policy year).
/// </summary>
internal sealed class PaymentDues(EnrollmentDbContext db, DateOnly today)
{
    private readonly Dictionary<string, CampaignPolicy?> _policies = [];

    public DateOnly Today => today;

    public async Task<List<QuotedDue>> OfAsync(long residentId, string villagePath, DateOnly on, CancellationToken ct)
    {
        var dues = new List<QuotedDue>();
        foreach (var campaign in await HouseholdQueries.OpenCampaignsOfAsync(db, villagePath, ct))
        {
            dues.Add(await OneAsync(residentId, campaign, on, ct));
        }
        return dues;
    }

    private async Task<QuotedDue> OneAsync(long residentId, Campaign campaign, DateOnly on, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.AsNoTracking().Where(e => e.ResidentId == residentId && e.CampaignId == campaign.Id)
            .OrderByDescending(e => e.Status != EnrollmentStatus.Cancelled).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.Status }).FirstOrDefaultAsync(ct);
        var excluded = await db.Exclusions.AnyAsync(x => x.CampaignId == campaign.Id && x.ResidentId == residentId, ct);
        var standing = enrollment is null ? (excluded ? DueStanding.Excluded : DueStanding.NotEnrolled) : enrollment.Status switch
        {
            EnrollmentStatus.Registered => DueStanding.Unpaid,
            EnrollmentStatus.Unconfirmed => DueStanding.Unconfirmed,
            EnrollmentStatus.Paid => DueStanding.Paid,
            EnrollmentStatus.GovernmentPaid => DueStanding.GovernmentPaid,
            EnrollmentStatus.Cancelled => excluded ? DueStanding.Excluded : DueStanding.Cancelled,
        };
        var payments = enrollment is null ? [] : await LinesAsync(enrollment.Id, ct);
        var due = new CampaignDue(campaign.Id, campaign.Name, enrollment?.Id, standing, null, null, false, null, null, payments);
        // Paid or waiting: quoted too, for money received a second time (recorded as a refund).
        if (standing is not (DueStanding.Unpaid or DueStanding.Unconfirmed or DueStanding.Paid))
        {
            return new QuotedDue(due, null);
        }
        return await QuoteAsync(due, residentId, campaign, on, ct);
    }

    private async Task<QuotedDue> QuoteAsync(CampaignDue due, long residentId, Campaign campaign, DateOnly on, CancellationToken ct)
    {
        if (!_policies.TryGetValue(campaign.Code, out var policy))
        {
            _policies[campaign.Code] = policy = await CampaignPolicyQuery.LoadAsync(db, campaign.Code, ct);
        }
        if (policy?.Loaded.Policy is not { } compiled)
        {
            return new QuotedDue(due with { Problem = "该征缴活动没有可用的缴费政策，暂不能缴费。" }, null);
        }
        if (DateProblem(compiled, on) is { } problem)
        {
            return new QuotedDue(due with { Problem = problem }, null);
        }
        var trial = await ResidentTrialQuery.LoadAsync(db, residentId, campaign.Id, ct);
        if (trial is null)
        {
            return new QuotedDue(due with { Problem = PaymentText.NotFound }, null);
        }
        if (!CitizenId.TryParse(trial.CitizenId, out var citizen, out var idError))
        {
            return new QuotedDue(due with { Problem = idError.ToChinese() + "。" }, null);
        }
        var categories = default(CertifiedCategories);
        foreach (var (code, firstCertified) in trial.Categories)
        {
            if (BasisCodes.TryParse(code, out var basis))
            {
                categories.TryAdd(basis, firstCertified, out _);
            }
        }
        var quote = compiled.Quote(new QuoteRequest(citizen, categories, trial.History, trial.GapYears, on, compiled.ResolveTownship(trial.Township)));
        if (!quote.IsSuccess)
        {
            return new QuotedDue(due with { Problem = quote.Error.ToChinese() + "。" }, null);
        }
        return new QuotedDue(
            due with { AmountDue = quote.Payable, CoverageStart = quote.CoverageStart, Late = quote.Late, Explanation = ExplanationText.ToChinese(quote, compiled) },
            QuoteSnapshots.From(policy.Version.Version, quote));
    }

    /// <summary>Why money cannot be taken on <paramref name="on"/>: in the future, before the window opens, after the policy year.</summary>
    private string? DateProblem(CompiledPolicy policy, DateOnly on) =>
        on > today ? PaymentText.FutureDate(today)
        : policy.Window.FirstDayInclusive is { } first && on < first ? PaymentText.BeforeWindow(first)
        : on > policy.PolicyYearLastDay ? PaymentText.AfterPolicyYear(policy.PolicyYearLastDay)
        : null;

    private async Task<List<PaymentLine>> LinesAsync(long enrollmentId, CancellationToken ct)
    {
        var rows = await db.Payments.AsNoTracking().Where(p => p.EnrollmentId == enrollmentId).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.PaidOn, p.Amount, Channel = db.PaymentChannels.Where(c => c.Code == p.ChannelCode).Select(c => c.Name).FirstOrDefault(),
                p.Reference, p.State, p.RecordedAt, p.ReversalReason, Claimed = p.ClaimedAt != null,
                // Display names of accounts are role placeholders (鲍沟镇医保办经办人), never an official's own name.
                RecordedBy = db.UserAccounts.Where(u => u.Id == p.RecordedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(p => new PaymentLine(
            p.Id, p.PaidOn, p.Amount, p.Channel ?? "—", p.Reference, p.State, p.RecordedBy ?? "—", p.RecordedAt, p.ReversalReason, p.Claimed))];
    }
}
