namespace Enrollment.Domain.Rules;

/// <summary>
/// 集中征缴期, inclusive at both ends ("12月20日前" includes 20 December). Without a first day, any payment up
/// to the last day is in the window.
/// </summary>
public sealed record CollectionWindow(DateOnly? FirstDayInclusive, DateOnly LastDayInclusive, IReadOnlyList<CollectionPhase> Phases)
{
    public bool Contains(DateOnly day) =>
        day <= LastDayInclusive && (FirstDayInclusive is not { } first || day >= first);
}

/// <summary>A named phase of the window (e.g. 征缴与录入, 扫尾统计, 公示验收), inclusive at both ends.</summary>
public sealed record CollectionPhase(string Name, DateOnly FirstDayInclusive, DateOnly LastDayInclusive);

/// <summary>How explanations name the two fiscal levels, e.g. 市财政 / 镇（街）财政 or 县财政 / 镇财政.</summary>
public sealed record FiscalLevelNames(string County, string Township)
{
    public static FiscalLevelNames Default { get; } = new("市财政", "镇（街）财政");
}
