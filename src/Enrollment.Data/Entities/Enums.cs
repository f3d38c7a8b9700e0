namespace Enrollment.Data.Entities;

// Stored as snake_case text (EnumText) with a CHECK constraint listing the same values.

/// <summary>Level in the jurisdiction tree.</summary>
public enum JurisdictionLevel
{
    /// <summary>县 / 县级市 (the tenant's root).</summary>
    County,
    /// <summary>镇 / 街道.</summary>
    Township,
    /// <summary>管区 / 党总支片区 (optional grouping of villages).</summary>
    Grouping,
    /// <summary>村 / 居 / 社区.</summary>
    Village,
    /// <summary>自然村 (optional).</summary>
    NaturalVillage,
}

/// <summary>Resident status (人员状态).</summary>
public enum ResidentStatus
{
    Active,
    /// <summary>死亡.</summary>
    Deceased,
    /// <summary>迁出.</summary>
    MovedOut,
    /// <summary>户籍注销 for other reasons.</summary>
    Cancelled,
}

/// <summary>与户主关系.</summary>
public enum RelationToHead
{
    Self,
    Spouse,
    Child,
    Parent,
    Grandchild,
    Grandparent,
    Sibling,
    /// <summary>儿媳 / 女婿.</summary>
    ChildInLaw,
    Other,
}

/// <summary>Campaign status: draft → open → closed → accepted (验收).</summary>
public enum CampaignStatus
{
    Draft,
    Open,
    Closed,
    Accepted,
}

/// <summary>Enrollment history of the resident before this policy year (docs/rules.md §4).</summary>
public enum EnrollmentHistory
{
    Continuing,
    FirstTime,
    Interrupted,
}

/// <summary>
/// State of one resident's enrollment in a campaign. The payment functions write it from the payments
/// (docs/data-model.md, "Payments and the paid definition"): paid means <see cref="Paid"/> or
/// <see cref="GovernmentPaid"/> (<see cref="CampaignEnrollment.IsPaid"/>).
/// </summary>
public enum EnrollmentStatus
{
    /// <summary>Registered, nothing paid (未缴费).</summary>
    Registered,
    /// <summary>A hand-entered payment waits for confirmation (待确认): not yet paid.</summary>
    Unconfirmed,
    /// <summary>A confirmed, unreversed payment counts (已缴费).</summary>
    Paid,
    /// <summary>The government paid the whole contribution (政府代缴).</summary>
    GovernmentPaid,
    Cancelled,
}

/// <summary>State of one payment (docs/data-model.md, "Payments and the paid definition").</summary>
public enum PaymentState
{
    /// <summary>Counts for its enrollment (a channel's record, a confirmed hand entry, a government payment).</summary>
    Confirmed,
    /// <summary>A hand entry (村代收 cash) waiting for the tax bureau's record or a clerk's confirmation.</summary>
    Unconfirmed,
    /// <summary>冲正: reversed with a reason; never counts again.</summary>
    Reversed,
    /// <summary>重复缴费待退费: money for an enrollment that already had a payment.</summary>
    RefundDue,
    /// <summary>已退费.</summary>
    Refunded,
}

/// <summary>Role of a user account.</summary>
public enum UserRole
{
    SystemAdmin,
    BureauAdmin,
    BureauStaff,
    /// <summary>财政: the county's subsidy-claim exports.</summary>
    Finance,
    TownshipStaff,
    VillageStaff,
    /// <summary>民政局, 残联 … staff who upload certification lists.</summary>
    DepartmentStaff,
}

/// <summary>Kind of exclusion reason (docs/rules.md §11.3).</summary>
public enum ExclusionKind
{
    /// <summary>现役军人, 出国定居, 死亡未销户, 判刑收监, 农转非, 婚出, 失联.</summary>
    SpecialCase,
    /// <summary>职工医保, 异地参保.</summary>
    InsuredElsewhere,
    /// <summary>拒绝参保: never leaves the base.</summary>
    Refusal,
}

/// <summary>What an audit row records.</summary>
public enum AuditAction
{
    Insert,
    Update,
    Delete,
    /// <summary>Someone was shown a full citizen ID number.</summary>
    View,
    SignIn,
    SignInFailed,
    /// <summary>Too many failed sign-ins: the account is locked for a while.</summary>
    LockedOut,
    SignOut,
    /// <summary>Someone looked up where a citizen ID number is registered (the registration check).</summary>
    Lookup,
    /// <summary>A call of the /api/v1 interface with an API key (key name, operation, outcome).</summary>
    ApiCall,
}
