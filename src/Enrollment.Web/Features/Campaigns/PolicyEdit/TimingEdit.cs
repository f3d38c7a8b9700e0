using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>One timing rule (缴费时间与待遇享受规则) as text fields; the first matching rule decides.</summary>
public sealed class TimingEdit
{
    public string? Label { get; set; }

    public string? PaidFrom { get; set; }

    public string? PaidThrough { get; set; }

    public bool Continuing { get; set; }

    public bool FirstTime { get; set; }

    public bool Interrupted { get; set; }

    public string? NewbornMonths { get; set; }

    public string? NewbornDays { get; set; }

    public string? Amount { get; set; } = "individual";

    public string? CoverageStart { get; set; } = "policy_year_start";

    public string? CoverageDays { get; set; }

    public string? CoverageMonths { get; set; }

    /// <summary>政策依据与解释 written for people.</summary>
    public string? Interpretation { get; set; }

    /// <summary>A shipped template's English note on the rule: not shown, kept unless someone writes an explanation.</summary>
    public string? MaintainerInterpretation { get; set; }

    public static TimingEdit From(TimingRuleDocument t)
    {
        var history = t.History ?? [];
        return new TimingEdit
        {
            Label = t.Label,
            PaidFrom = FormText.Of(t.PaidFromInclusive),
            PaidThrough = FormText.Of(t.PaidThroughInclusive),
            Continuing = history.Contains("continuing"),
            FirstTime = history.Contains("first_time"),
            Interrupted = history.Contains("interrupted"),
            NewbornMonths = FormText.Of(t.NewbornWithin?.Months),
            NewbornDays = FormText.Of(t.NewbornWithin?.Days),
            Amount = t.Amount,
            CoverageStart = t.Coverage?.Start,
            CoverageDays = FormText.Of(t.Coverage?.Days),
            CoverageMonths = FormText.Of(t.Coverage?.Months),
            Interpretation = PolicyNotes.IsForMaintainers(t.Interpretation) ? null : t.Interpretation,
            MaintainerInterpretation = PolicyNotes.IsForMaintainers(t.Interpretation) ? t.Interpretation : null,
        };
    }

    internal TimingRuleDocument ToDocument(FormReader read, string path)
    {
        List<string> history = [.. new[] { (Continuing, "continuing"), (FirstTime, "first_time"), (Interrupted, "interrupted") }
            .Where(h => h.Item1).Select(h => h.Item2)];
        // Newborns pay within months or days of birth: at most a year either way.
        var months = read.Int(NewbornMonths, $"{path}.newbornWithin", "新生儿缴费期限（月）", 1, 12, "个月");
        var days = read.Int(NewbornDays, $"{path}.newbornWithin", "新生儿缴费期限（天）", 1, 366, "天");
        return new TimingRuleDocument
        {
            Label = read.Text(Label, $"{path}.label", "缴费时间规则的说明", PolicyEditForm.NameLength) ?? "",
            PaidFromInclusive = read.Date(PaidFrom, $"{path}.paidFromInclusive", "缴费日期从"),
            PaidThroughInclusive = read.Date(PaidThrough, $"{path}.paidThroughInclusive", "缴费日期至"),
            History = history.Count == 0 ? null : history,
            NewbornWithin = months is null && days is null ? null : new NewbornDocument { Months = months, Days = days },
            Amount = Amount ?? "",
            Coverage = new CoverageDocument
            {
                Start = CoverageStart ?? "",
                // Only the parameter the chosen start uses is kept, so switching the start leaves no stale number behind.
                Days = CoverageStart == "days_after_payment" ? read.Int(CoverageDays, $"{path}.coverage.days", "待遇等待天数", 0, 366, "天") : null,
                Months = CoverageStart is "first_of_month_after_payment" or "months_after_payment_plus_gap"
                    ? read.Int(CoverageMonths, $"{path}.coverage.months", "待遇等待月数", 0, 12, "个月") : null,
            },
            Interpretation = read.Text(Interpretation, $"{path}.interpretation", "缴费时间规则的政策依据与解释", PolicyEditForm.ExplanationLength, lines: true)
                ?? MaintainerInterpretation,
        };
    }
}
