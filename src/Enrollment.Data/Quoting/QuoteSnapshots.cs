using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;

namespace Enrollment.Data.Quoting;

/// <summary>
/// The one mapping from the rules engine's <see cref="Quote"/> to the snapshot an enrollment keeps
/// (<see cref="CampaignEnrollment.ApplyQuote"/>, docs/rules.md §12.3): codes as the CSV contract writes them, and
/// basis, funding and mode only when a subsidy applies. Whoever stores a quote on an enrollment uses this.
/// </summary>
public static class QuoteSnapshots
{
    public static QuoteSnapshot From(int policyVersion, in Quote quote) => From(policyVersion, KeyOf(quote));

    /// <summary>
    /// The snapshot's values as a value type, for grouping: a county's quotes fall into a few hundred
    /// distinct snapshots, so a bulk re-quote writes each once and points rows at it.
    /// </summary>
    public static SnapshotKey KeyOf(in Quote quote) => new(
        quote.Payable, quote.Subsidy, quote.CountyShare, quote.TownshipShare, quote.HasSubsidy ? quote.Basis : BasisCode.None,
        quote.HasSubsidy ? quote.Funding : default, quote.HasSubsidy ? quote.Mode : default, quote.CoverageStart, quote.Late);

    public static QuoteSnapshot From(int policyVersion, SnapshotKey key) => new(
        policyVersion,
        key.Payable,
        key.Subsidy,
        key.Basis == BasisCode.None ? null : key.Basis.ToCode(),
        key.CountyShare,
        key.TownshipShare,
        key.Basis == BasisCode.None ? null : key.Funding.ToCode(),
        key.Basis == BasisCode.None ? null : key.Mode.ToCode(),
        key.CoverageStart,
        key.Late);

    public readonly record struct SnapshotKey(
        decimal Payable, decimal Subsidy, decimal CountyShare, decimal TownshipShare, BasisCode Basis,
        FundingSource Funding, SubsidyMode Mode, DateOnly CoverageStart, bool Late);
}
