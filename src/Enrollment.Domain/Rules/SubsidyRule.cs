namespace Enrollment.Domain.Rules;

/// <summary>
/// One compiled subsidy rule (资助/代缴规则): who qualifies, what share of the individual contribution it
/// covers, and who pays. Amounts are precomputed for the policy's contribution so a quote only compares.
/// </summary>
public sealed class SubsidyRule
{
    private readonly uint _categoryBit;
    private readonly int _bornOnOrAfter;
    private readonly int _bornOnOrBefore;
    private readonly SubsidyMode[] _modeByTownship;

    /// <param name="index">Position in the policy's list (ties go to the lower index).</param>
    /// <param name="share">Share of the individual contribution (0–1); null = 未规定, the rule is inactive.</param>
    /// <param name="countyPart">Part of the subsidy paid by 市/县财政 (0–1); the township pays the rest.</param>
    /// <param name="modeByTownship">Mode per township index; empty when no township overrides.</param>
    public SubsidyRule(
        int index,
        BasisCode basis,
        string label,
        decimal? share,
        decimal countyPart,
        FundingSource funding,
        SubsidyMode mode,
        string department,
        CertificationCutoff? cutoff,
        decimal individualContribution,
        DateOnly ageReferenceDate,
        SubsidyMode[]? modeByTownship = null)
    {
        Index = index;
        Basis = basis;
        Label = label;
        Share = share;
        CountyPart = countyPart;
        Funding = funding;
        Mode = mode;
        Department = department;
        Cutoff = cutoff;
        _modeByTownship = modeByTownship ?? [];
        if (basis.IsAgeBand())
        {
            var band = AgeBand.For(basis);
            _bornOnOrAfter = band.BornOnOrAfterDayNumber(ageReferenceDate);
            _bornOnOrBefore = band.BornOnOrBeforeDayNumber(ageReferenceDate);
        }
        else
        {
            _categoryBit = 1u << (int)basis;
        }

        Amount = share is { } s ? Money.RoundToCent(individualContribution * s) : 0m;
        CountyAmount = Money.RoundToCent(Amount * countyPart);
        TownshipAmount = Amount - CountyAmount;
    }

    public int Index { get; }

    public BasisCode Basis { get; }

    /// <summary>Name shown in explanations, e.g. 70岁以上老年人.</summary>
    public string Label { get; }

    public decimal? Share { get; }

    public decimal CountyPart { get; }

    public FundingSource Funding { get; }

    /// <summary>Default mode; a township may override it.</summary>
    public SubsidyMode Mode { get; }

    /// <summary>负责部门: the department responsible for the list.</summary>
    public string Department { get; }

    public CertificationCutoff? Cutoff { get; }

    /// <summary>False while the share is unset (未规定).</summary>
    public bool IsActive => Share.HasValue;

    /// <summary>资助金额: share × individual contribution, rounded to the cent.</summary>
    public decimal Amount { get; }

    /// <summary>市/县财政承担, rounded to the cent.</summary>
    public decimal CountyAmount { get; }

    /// <summary>镇/街财政承担 = subsidy − county share, so the parts always add up.</summary>
    public decimal TownshipAmount { get; }

    /// <summary>The mode for a township (its override, else the default).</summary>
    public SubsidyMode ModeFor(int township) =>
        (uint)township < (uint)_modeByTownship.Length ? _modeByTownship[township] : Mode;

    /// <summary>Whether this rule's basis fits the resident, and if so whether it can pay.</summary>
    public SubsidyEligibility Evaluate(in CertifiedCategories categories, DateOnly birthDate)
    {
        if (_categoryBit == 0)
        {
            var day = birthDate.DayNumber;
            if (day < _bornOnOrAfter || day > _bornOnOrBefore)
            {
                return SubsidyEligibility.NotApplicable;
            }
        }
        else
        {
            if ((categories.Mask & _categoryBit) == 0)
            {
                return SubsidyEligibility.NotApplicable;
            }

            if (Cutoff is { } cutoff)
            {
                var hasDate = categories.TryGetFirstCertified(Basis, out var first);
                if (!cutoff.Admits(hasDate, first))
                {
                    return hasDate ? SubsidyEligibility.CertifiedOutsideCutoff : SubsidyEligibility.CertificationDateMissing;
                }
            }
        }

        return Share.HasValue ? SubsidyEligibility.Eligible : SubsidyEligibility.ShareUnset;
    }
}
