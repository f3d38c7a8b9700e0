namespace Enrollment.Domain.Rules;

/// <summary>How benefits start (待遇享受时间), with its parameter N where the kind has one.</summary>
public readonly record struct CoverageStart(CoverageStartKind Kind, int N = 0)
{
    /// <summary>
    /// The first day of coverage. Month arithmetic clamps to the month's last day
    /// (2025-05-31 + 4 months = 2025-09-30), which is what <see cref="DateOnly.AddMonths"/> does.
    /// </summary>
    public DateOnly For(DateOnly paidOn, DateOnly birthDate, int gapYears, DateOnly policyYearStart) => Kind switch
    {
        CoverageStartKind.PolicyYearStart => policyYearStart,
        CoverageStartKind.DaysAfterPayment => paidOn.AddDays(N),
        CoverageStartKind.FirstOfMonthAfterPayment => new DateOnly(paidOn.Year, paidOn.Month, 1).AddMonths(N),
        CoverageStartKind.BirthDate => birthDate,
        CoverageStartKind.MonthsAfterPaymentPlusGap => paidOn.AddMonths(N + gapYears),
    };
}
