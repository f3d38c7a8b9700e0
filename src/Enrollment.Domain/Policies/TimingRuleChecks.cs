using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Policies;

/// <summary>Checks one timing rule document, and that the rules leave no payment date unmatched.</summary>
internal static class TimingRuleChecks
{
    public static void Check(TimingRuleDocument rule, string path, DateOnly yearEnd, ProblemList p)
    {
        if (string.IsNullOrWhiteSpace(rule.Label))
        {
            p.Error($"{path}.label", "timing.label.missing", $"{path}.label must not be empty", "缴费时间规则的说明不能为空");
        }

        if (rule.PaidFromInclusive is { } from && rule.PaidThroughInclusive is { } through && from > through)
        {
            p.Error($"{path}.paidFromInclusive", "timing.range.order",
                $"{path} payment range starts {PolicyValidator.D(from)} after it ends {PolicyValidator.D(through)}",
                $"缴费日期范围的开始日 {PolicyValidator.D(from)} 晚于结束日 {PolicyValidator.D(through)}");
        }

        if (rule.PaidThroughInclusive is { } end && end > yearEnd)
        {
            p.Error($"{path}.paidThroughInclusive", "timing.range.after_year",
                $"{path}.paidThroughInclusive {PolicyValidator.D(end)} is after the policy year",
                $"缴费日期范围结束日 {PolicyValidator.D(end)} 晚于本年度最后一天");
        }

        var histories = rule.History ?? [];
        for (var i = 0; i < histories.Count; i++)
        {
            if (!EnrollmentHistories.TryParse(histories[i], out _))
            {
                p.Error($"{path}.history[{i}]", "timing.history.unknown",
                    $"{path}.history[{i}] '{histories[i]}' must be continuing, first_time or interrupted",
                    $"参保历史“{histories[i]}”无效（应为连续参保、首次参保或中断后续保）");
            }
        }

        if (rule.NewbornWithin is { } newborn && (newborn.Months is null) == (newborn.Days is null)
            || rule.NewbornWithin is { Months: <= 0 } or { Days: <= 0 })
        {
            p.Error($"{path}.newbornWithin", "timing.newborn.invalid",
                $"{path}.newbornWithin needs exactly one of months / days, greater than 0",
                "新生儿缴费期限须且只能填写月数或天数之一，且大于 0");
        }

        if (!PolicyCodes.TryParseAmount(rule.Amount, out _))
        {
            p.Error($"{path}.amount", "timing.amount.unknown", $"{path}.amount '{rule.Amount}' must be individual or full_cost",
                $"应缴金额类型“{rule.Amount}”无效（应为个人缴费或全额缴费）");
        }

        CheckCoverage(rule.Coverage, $"{path}.coverage", p);
    }

    private static void CheckCoverage(CoverageDocument? coverage, string path, ProblemList p)
    {
        if (coverage is null || !PolicyCodes.TryParseCoverage(coverage.Start, out var kind))
        {
            p.Error($"{path}.start", "timing.coverage.unknown",
                $"{path}.start '{coverage?.Start}' must be policy_year_start, days_after_payment, first_of_month_after_payment, birth_date or months_after_payment_plus_gap",
                "待遇享受起始方式无效");
            return;
        }

        var (needs, value) = kind switch
        {
            CoverageStartKind.DaysAfterPayment => ("days", coverage.Days),
            CoverageStartKind.FirstOfMonthAfterPayment or CoverageStartKind.MonthsAfterPaymentPlusGap => ("months", coverage.Months),
            CoverageStartKind.PolicyYearStart or CoverageStartKind.BirthDate => ("", (int?)null),
        };
        if (needs.Length > 0 && value is not (>= 0 and <= 366))
        {
            p.Error($"{path}.{needs}", "timing.coverage.parameter", $"{path}.{needs} must be a number from 0 to 366",
                needs == "days" ? "待遇等待天数须为 0 至 366 之间的整数" : "待遇等待月数须为 0 至 366 之间的整数");
        }
    }

    /// <summary>
    /// Warns about payment dates no rule matches for an ordinary (non-newborn) resident: such payments would be
    /// quote errors. Runs only on an otherwise valid document, since it compiles it.
    /// </summary>
    public static void CheckCoverage(PolicyDocument document, ProblemList p)
    {
        var policy = PolicyCompiler.CompileUnchecked(document);
        var from = policy.Window.FirstDayInclusive ?? policy.Window.LastDayInclusive.AddYears(-1);
        var birth = policy.PolicyYearStart.AddYears(-40);
        foreach (var history in Enum.GetValues<EnrollmentHistory>())
        {
            DateOnly? gapStart = null;
            for (var day = from; day <= policy.PolicyYearLastDay.AddDays(1); day = day.AddDays(1))
            {
                var matched = day > policy.PolicyYearLastDay || policy.Timing.Any(r => r.Matches(day, history, birth, policy.PolicyYearStart));
                if (!matched && gapStart is null)
                {
                    gapStart = day;
                }
                else if (matched && gapStart is { } start)
                {
                    var end = PolicyValidator.D(day.AddDays(-1));
                    p.Warning("timing", "timing.unmatched",
                        $"no timing rule matches a payment from {PolicyValidator.D(start)} to {end} for history {history.ToCode()}: such quotes fail",
                        $"{PolicyValidator.D(start)} 至 {end} 缴费的{history.ChineseName()}人员没有适用的缴费时间规则，将无法核定");
                    gapStart = null;
                }
            }
        }
    }
}
