namespace Enrollment.Domain.Rules;

/// <summary>
/// One compiled timing rule (缴费时间与待遇享受规则): when it applies (payment-date range, history, newborn
/// limit) and what it decides (amount kind and coverage start). Rules are tried in order; the first match wins.
/// </summary>
public sealed class TimingRule
{
    private const int AnyHistory = 0b111;
    private readonly int _paidFrom;
    private readonly int _paidThrough;
    private readonly int _historyMask;

    /// <param name="histories">Histories it applies to; null or empty = any.</param>
    public TimingRule(
        int index,
        string label,
        DateOnly? paidFromInclusive,
        DateOnly? paidThroughInclusive,
        IReadOnlyCollection<EnrollmentHistory>? histories,
        NewbornCondition? newborn,
        AmountKind amount,
        CoverageStart coverage)
    {
        Index = index;
        Label = label;
        PaidFromInclusive = paidFromInclusive;
        PaidThroughInclusive = paidThroughInclusive;
        Newborn = newborn;
        Amount = amount;
        Coverage = coverage;
        _paidFrom = paidFromInclusive?.DayNumber ?? int.MinValue;
        _paidThrough = paidThroughInclusive?.DayNumber ?? int.MaxValue;
        _historyMask = histories is null || histories.Count == 0
            ? AnyHistory
            : histories.Aggregate(0, (mask, h) => mask | (1 << (int)h));
    }

    public int Index { get; }

    /// <summary>Shown in explanations, e.g. 集中征缴期内缴费.</summary>
    public string Label { get; }

    public DateOnly? PaidFromInclusive { get; }

    public DateOnly? PaidThroughInclusive { get; }

    public NewbornCondition? Newborn { get; }

    public AmountKind Amount { get; }

    public CoverageStart Coverage { get; }

    public bool AppliesTo(EnrollmentHistory history) => (_historyMask & (1 << (int)history)) != 0;

    public bool Matches(DateOnly paidOn, EnrollmentHistory history, DateOnly birthDate, DateOnly policyYearStart)
    {
        var paid = paidOn.DayNumber;
        return paid >= _paidFrom && paid <= _paidThrough
            && (_historyMask & (1 << (int)history)) != 0
            && (Newborn is not { } newborn || newborn.Matches(birthDate, paidOn, policyYearStart));
    }
}
