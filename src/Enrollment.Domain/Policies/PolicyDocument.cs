namespace Enrollment.Domain.Policies;

/// <summary>
/// A versioned policy document (征缴政策文件) as stored in JSON: the template a campaign is created from, and
/// the validated copy a campaign keeps. Codes are strings here so that validation can report a bad one with
/// its path; <see cref="PolicyCompiler"/> turns a valid document into a <see cref="Rules.CompiledPolicy"/>.
/// Schema: docs/policy-schema.md.
/// </summary>
public sealed class PolicyDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>e.g. <c>tengzhou-2025</c>.</summary>
    public string CampaignId { get; set; } = "";

    /// <summary>Revision of this document; bump on every change.</summary>
    public int Version { get; set; } = 1;

    /// <summary>征缴活动名称.</summary>
    public string Name { get; set; } = "";

    /// <summary>统筹地区/辖区, e.g. 滕州市.</summary>
    public string Jurisdiction { get; set; } = "";

    /// <summary>The source document (文件) this policy was read from.</summary>
    public string? Source { get; set; }

    /// <summary>医保年度 (calendar year).</summary>
    public int PolicyYear { get; set; }

    /// <summary>个人缴费标准 (yuan).</summary>
    public decimal IndividualContribution { get; set; }

    /// <summary>人均财政补助标准 (yuan), charged on top in full-cost payments.</summary>
    public decimal FiscalSubsidy { get; set; }

    /// <summary>How explanations name the two fiscal levels.</summary>
    public FiscalLevelsDocument? FiscalLevels { get; set; }

    public CollectionWindowDocument? CollectionWindow { get; set; }

    /// <summary>年龄计算基准日; default 31 December of the year before the policy year.</summary>
    public DateOnly? AgeReferenceDate { get; set; }

    /// <summary>Ordered; only the largest eligible subsidy applies, ties to the earlier rule.</summary>
    public List<SubsidyRuleDocument>? Subsidies { get; set; }

    /// <summary>Ordered; the first matching rule decides.</summary>
    public List<TimingRuleDocument>? Timing { get; set; }

    /// <summary>Interpretation notes: where the source is ambiguous, what this file chose and why.</summary>
    public List<string>? Notes { get; set; }
}

public sealed class FiscalLevelsDocument
{
    /// <summary>e.g. 市财政 or 县财政.</summary>
    public string County { get; set; } = "";

    /// <summary>e.g. 镇（街）财政.</summary>
    public string Township { get; set; } = "";
}

public sealed class CollectionWindowDocument
{
    /// <summary>Null when the source states no start: any payment up to the last day is in the window.</summary>
    public DateOnly? FirstDayInclusive { get; set; }

    public DateOnly? LastDayInclusive { get; set; }

    public List<PhaseDocument>? Phases { get; set; }
}

public sealed class PhaseDocument
{
    public string Name { get; set; } = "";

    public DateOnly? FirstDayInclusive { get; set; }

    public DateOnly? LastDayInclusive { get; set; }
}

public sealed class SubsidyRuleDocument
{
    /// <summary>A category code of docs/rules.md §3, or <c>age_70_plus</c> / <c>age_60_69</c>.</summary>
    public string Basis { get; set; } = "";

    /// <summary>Name in explanations; default the basis's Chinese name.</summary>
    public string? Label { get; set; }

    /// <summary>Limit on the date the category was first certified.</summary>
    public FirstCertifiedDocument? FirstCertified { get; set; }

    /// <summary>Share of the individual contribution, 0–1; null = 未规定 (rule inactive, a warning).</summary>
    public decimal? Share { get; set; }

    /// <summary>Part of the subsidy borne by 市/县财政, 0–1; the township bears the rest.</summary>
    public decimal CountyPart { get; set; } = 1m;

    /// <summary><c>fiscal</c>, <c>medical_assistance</c> or <c>special_group</c>.</summary>
    public string Funding { get; set; } = "fiscal";

    /// <summary><c>direct</c> or <c>reimburse</c>.</summary>
    public string Mode { get; set; } = "direct";

    /// <summary>Township name → mode, for townships that chose otherwise.</summary>
    public Dictionary<string, string>? ModeByTownship { get; set; }

    /// <summary>负责部门.</summary>
    public string? Department { get; set; }

    /// <summary>Why this rule reads the source the way it does.</summary>
    public string? Interpretation { get; set; }
}

public sealed class FirstCertifiedDocument
{
    /// <summary>Eligible when first certified strictly before this date.</summary>
    public DateOnly? Before { get; set; }

    /// <summary>Eligible when first certified on or after this date.</summary>
    public DateOnly? OnOrAfter { get; set; }

    /// <summary>Whether a certification without a date is eligible.</summary>
    public bool MissingDateEligible { get; set; }
}

public sealed class TimingRuleDocument
{
    /// <summary>Shown in explanations, e.g. 集中征缴期内缴费.</summary>
    public string Label { get; set; } = "";

    public DateOnly? PaidFromInclusive { get; set; }

    public DateOnly? PaidThroughInclusive { get; set; }

    /// <summary><c>continuing</c>, <c>first_time</c>, <c>interrupted</c>; null or empty = any.</summary>
    public List<string>? History { get; set; }

    /// <summary>Only newborns paid within this limit of birth.</summary>
    public NewbornDocument? NewbornWithin { get; set; }

    /// <summary><c>individual</c> or <c>full_cost</c>.</summary>
    public string Amount { get; set; } = "individual";

    public CoverageDocument? Coverage { get; set; }

    public string? Interpretation { get; set; }
}

public sealed class NewbornDocument
{
    public int? Months { get; set; }

    public int? Days { get; set; }
}

public sealed class CoverageDocument
{
    /// <summary>
    /// <c>policy_year_start</c>, <c>days_after_payment</c>, <c>first_of_month_after_payment</c>,
    /// <c>birth_date</c> or <c>months_after_payment_plus_gap</c>.
    /// </summary>
    public string Start { get; set; } = "";

    public int? Days { get; set; }

    public int? Months { get; set; }
}
