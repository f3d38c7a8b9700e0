using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Generate;

/// <summary>与户主关系 (relation to the head of household), as the residents table stores it.</summary>
internal enum FamilyRelation : byte
{
    Self,
    Spouse,
    Child,
    Parent,
    Grandchild,
    ChildInLaw,
}

/// <summary>户籍类型 of a synthetic resident.</summary>
internal enum HukouKind : byte
{
    Local,
    ResidencePermit,
    AccompanyingChild,
}

/// <summary>Why a resident is not enrolled this year (docs/rules.md §11.3), by the exclusion_reasons codes.</summary>
internal enum ExclusionKind : byte
{
    None,
    ActiveMilitary,
    Emigrated,
    DeceasedUnregistered,
    Imprisoned,
    EmployeeInsurance,
    InsuredElsewhere,
    Refused,
}

/// <summary>The payment channels of payment_channels (建行裕农通, 微信 …, 政府统一代缴).</summary>
internal enum PaymentChannel : byte
{
    Yunongtong,
    VillageCollection,
    Pos,
    ETax,
    WeChat,
    Alipay,
    UnionPayQr,
    BankCounter,
    TaxHall,
    GovernmentDirect,
}

/// <summary>The rules engine's answer for a paid resident, as the enrollment snapshots it.</summary>
internal readonly record struct QuoteSnapshot(
    decimal Payable,
    decimal Subsidy,
    decimal CountyShare,
    decimal TownshipShare,
    BasisCode Basis,
    FundingSource Funding,
    SubsidyMode Mode,
    DateOnly CoverageStart,
    bool Late);

/// <summary>
/// One synthetic resident with everything the loaders write about them: identity, household, history,
/// certifications for the current campaign, exclusion, and the current payment (when paid).
/// A struct reused in a household buffer: 1.4 million of them never live at once.
/// </summary>
internal struct SyntheticResident
{
    /// <summary>1-based position in the generated population; loaders offset it into a database id.</summary>
    public long Number;

    public long HouseholdNumber;
    public FamilyRelation Relation;
    public CitizenId CitizenId;
    public string Name;
    public string? Phone;
    public int VillageIndex;
    public HukouKind Hukou;
    public EnrollmentHistory History;
    public int GapYears;

    /// <summary>Certified categories (with first-certified dates), only codes the campaign's policy knows.</summary>
    public CertifiedCategories Categories;

    public ExclusionKind Exclusion;

    /// <summary>Set when the resident paid in the current campaign.</summary>
    public DateOnly? PaidOn;

    public PaymentChannel Channel;
    public QuoteSnapshot Quote;

    /// <summary>Last year's payment, for residents enrolled then (when the prior campaign is generated).</summary>
    public DateOnly? PriorPaidOn;

    public PaymentChannel PriorChannel;
    public QuoteSnapshot PriorQuote;

    /// <summary>Enrolled in the previous policy year (the accepted prior campaign).</summary>
    public readonly bool EnrolledLastYear => History == EnrollmentHistory.Continuing;

    /// <summary>Registered for the current campaign (everyone not excluded).</summary>
    public readonly bool EnrolledThisYear => Exclusion == ExclusionKind.None;

    /// <summary>The payment's amount: the resident's payable, or the subsidy the government pays directly.</summary>
    public readonly decimal PaymentAmount => Channel == PaymentChannel.GovernmentDirect ? Quote.Subsidy : Quote.Payable;

    public readonly decimal PriorPaymentAmount =>
        PriorChannel == PaymentChannel.GovernmentDirect ? PriorQuote.Subsidy : PriorQuote.Payable;
}

/// <summary>One household (户) and its members; the generator reuses the instance, so copy what you keep.</summary>
internal sealed class SyntheticHousehold
{
    public const int MaxMembers = 6;

    public long Number;
    public int VillageIndex;
    public int HouseNumber;
    public int Count;
    public readonly SyntheticResident[] Members = new SyntheticResident[MaxMembers];

    public ReadOnlySpan<SyntheticResident> Residents => Members.AsSpan(0, Count);

    public long HeadNumber => Members[0].Number;
}
