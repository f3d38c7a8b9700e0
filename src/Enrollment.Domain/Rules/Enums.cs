namespace Enrollment.Domain.Rules;

/// <summary>资金来源 of a subsidy (docs/rules.md §6.4).</summary>
public enum FundingSource : byte
{
    /// <summary>财政: the document names neither of the other two.</summary>
    Fiscal = 0,

    /// <summary>医疗救助资金资助.</summary>
    MedicalAssistance = 1,

    /// <summary>特殊人群政府代缴.</summary>
    SpecialGroup = 2,
}

/// <summary>How a subsidy reaches the resident.</summary>
public enum SubsidyMode : byte
{
    /// <summary>代缴: the government pays it; the resident pays only the rest.</summary>
    Direct = 0,

    /// <summary>先缴费后补助: the resident pays the full individual contribution, the subsidy is refunded.</summary>
    Reimburse = 1,
}

/// <summary>What a timing rule charges.</summary>
public enum AmountKind : byte
{
    /// <summary>个人缴费标准; category subsidies apply.</summary>
    Individual = 0,

    /// <summary>个人缴费 + 人均财政补助 (全额缴纳); no category subsidy applies.</summary>
    FullCost = 1,
}

/// <summary>How a timing rule computes when benefits start (待遇享受时间).</summary>
public enum CoverageStartKind : byte
{
    /// <summary>1 January of the policy year.</summary>
    PolicyYearStart = 0,

    /// <summary>Payment date + N calendar days.</summary>
    DaysAfterPayment = 1,

    /// <summary>First day of (payment month + N).</summary>
    FirstOfMonthAfterPayment = 2,

    /// <summary>The birth date (newborns).</summary>
    BirthDate = 3,

    /// <summary>Payment date + (N + gap years) months, clamped to the month's last day.</summary>
    MonthsAfterPaymentPlusGap = 4,
}

/// <summary>How a first-certified cut-off compares.</summary>
public enum CutoffKind : byte
{
    /// <summary>Eligible when first certified strictly before the cut-off date.</summary>
    Before = 0,

    /// <summary>Eligible when first certified on or after the cut-off date.</summary>
    OnOrAfter = 1,
}

/// <summary>Outcome of one subsidy rule for one resident.</summary>
public enum SubsidyEligibility : byte
{
    /// <summary>The basis does not fit the resident at all.</summary>
    NotApplicable = 0,

    Eligible = 1,

    /// <summary>Certified in the category, but on the wrong side of the first-certified cut-off.</summary>
    CertifiedOutsideCutoff = 2,

    /// <summary>Certified in the category without a date, and the rule needs one.</summary>
    CertificationDateMissing = 3,

    /// <summary>The basis fits, but the share is unset (未规定), so the rule is inactive.</summary>
    ShareUnset = 4,
}
