namespace Enrollment.Domain.Rules;

/// <summary>What one line of an explanation says; the arguments it uses are listed per code.</summary>
public enum ReasonCode : byte
{
    None = 0,

    /// <summary>个人缴费标准 {Amount} 元.</summary>
    IndividualContribution,

    /// <summary>全额缴纳 individual {Amount} + fiscal {Amount2}.</summary>
    FullCost,

    /// <summary>Subsidy rule {Rule} applies: {Amount} in total, {Amount2} by the county, in {Mode}.</summary>
    SubsidyGranted,

    /// <summary>Rule {Rule}'s category was first certified {Date}, on the wrong side of its cut-off.</summary>
    SubsidyCertifiedOutsideCutoff,

    /// <summary>Rule {Rule} needs a first-certified date and none was given.</summary>
    SubsidyCertificationDateMissing,

    /// <summary>Rule {Rule} fits, but its share is unset (未规定).</summary>
    SubsidyShareUnset,

    /// <summary>Rule {Rule} would apply, but a full-cost payment gets no subsidy.</summary>
    SubsidyNotAppliedFullCost,

    /// <summary>Timing rule {Rule} decided: coverage from {Date}; {Late} says if paid outside the window.</summary>
    CoverageFrom,
}

/// <summary>One reason of an explanation: a code with fixed-size arguments, so storing it never allocates.</summary>
public readonly record struct Reason(
    ReasonCode Code,
    short Rule = -1,
    decimal Amount = 0m,
    decimal Amount2 = 0m,
    DateOnly Date = default,
    SubsidyMode Mode = SubsidyMode.Direct,
    bool Late = false);
