namespace Enrollment.Domain.Rules;

/// <summary>
/// 新生儿 paid within N months or N days of birth. A newborn is born on or after the policy year start; a child
/// born earlier pays like everyone else (docs/rules.md §9).
/// </summary>
public readonly record struct NewbornCondition(int Months, int Days)
{
    public static NewbornCondition WithinMonths(int months) => new(months, 0);

    public static NewbornCondition WithinDays(int days) => new(0, days);

    /// <summary>Last payment day that still counts: birth + N months (clamped to month end) or + N days.</summary>
    public DateOnly LastPaymentDay(DateOnly birthDate) =>
        Months > 0 ? birthDate.AddMonths(Months) : birthDate.AddDays(Days);

    public bool Matches(DateOnly birthDate, DateOnly paidOn, DateOnly policyYearStart) =>
        birthDate >= policyYearStart && paidOn <= LastPaymentDay(birthDate);
}
