using Enrollment.Domain.Residents;

namespace Enrollment.Domain.Rules;

/// <summary>
/// One resident's quote input (docs/rules.md §2–§4, §7): the ID number (birth date and sex come from it), certified
/// categories, enrollment history with gap years, the payment date and optionally the township, whose
/// choice of direct/reimburse may override a subsidy's default mode.
/// </summary>
public readonly struct QuoteRequest
{
    public QuoteRequest(
        CitizenId citizen,
        CertifiedCategories categories,
        EnrollmentHistory history,
        int gapYears,
        DateOnly paidOn,
        int township = TownshipRef.None)
    {
        Citizen = citizen;
        Categories = categories;
        History = history;
        GapYears = gapYears;
        PaidOn = paidOn;
        Township = township;
    }

    public CitizenId Citizen { get; }

    public CertifiedCategories Categories { get; }

    public EnrollmentHistory History { get; }

    /// <summary>中断年数: consecutive policy years without enrollment just before this one.</summary>
    public int GapYears { get; }

    /// <summary>缴费日期: the day the full amount was paid.</summary>
    public DateOnly PaidOn { get; }

    /// <summary>Index from <see cref="CompiledPolicy.ResolveTownship"/>, or <see cref="TownshipRef.None"/>.</summary>
    public int Township { get; }
}

/// <summary>Township references in a compiled policy.</summary>
public static class TownshipRef
{
    /// <summary>No township: every subsidy uses its default mode.</summary>
    public const int None = -1;
}
