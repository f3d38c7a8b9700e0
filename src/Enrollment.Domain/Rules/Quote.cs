using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Rules;

/// <summary>
/// 核定结果: what a resident pays now, the subsidy and who bears it, when coverage starts, and why.
/// On an input error only <see cref="Error"/> is meaningful.
/// </summary>
public struct Quote
{
    public DomainError Error { get; internal set; }

    public readonly bool IsSuccess => Error.Code == DomainErrorCode.None;

    /// <summary>应缴总额 before any subsidy: the individual contribution or the full cost.</summary>
    public decimal Amount { get; internal set; }

    public AmountKind AmountKind { get; internal set; }

    /// <summary>本次应缴: amount − subsidy in direct mode; the whole amount in reimburse mode.</summary>
    public decimal Payable { get; internal set; }

    /// <summary>资助金额 (0 when none applies).</summary>
    public decimal Subsidy { get; internal set; }

    public decimal CountyShare { get; internal set; }

    public decimal TownshipShare { get; internal set; }

    /// <summary>The winning subsidy's basis, or <see cref="BasisCode.None"/>.</summary>
    public BasisCode Basis { get; internal set; }

    /// <summary>Index of the winning subsidy rule in the policy, or -1.</summary>
    public int SubsidyRule { get; internal set; }

    /// <summary>Meaningful only when <see cref="HasSubsidy"/>.</summary>
    public FundingSource Funding { get; internal set; }

    /// <summary>Meaningful only when <see cref="HasSubsidy"/>; the township's override when one applies.</summary>
    public SubsidyMode Mode { get; internal set; }

    public readonly bool HasSubsidy => Basis != BasisCode.None;

    /// <summary>Index of the timing rule that decided, or -1.</summary>
    public int TimingRule { get; internal set; }

    /// <summary>待遇享受起始日.</summary>
    public DateOnly CoverageStart { get; internal set; }

    /// <summary>Paid outside the centralized collection window (集中征缴期).</summary>
    public bool Late { get; internal set; }

    /// <summary>The reasons, in order; see <see cref="ExplanationText"/>.</summary>
    public readonly Explanation Explanation => ExplanationBuffer;

    // A field, not a property, so the engine can append to it in place.
    internal Explanation ExplanationBuffer;
}
