using Enrollment.Data.Tenancy;
using DomainCitizenId = Enrollment.Domain.Residents.CitizenId;
using Enrollment.Domain.Residents;

namespace Enrollment.Data.Entities;

/// <summary>
/// Resident (参保居民). Sex and birth date are derived from the citizen ID number (docs/rules.md §2) and stored for
/// queries; set them only through <see cref="SetCitizenId"/>. Unique per tenant.
/// </summary>
public class Resident : TenantEntity, IJurisdictionScoped
{
    /// <summary>身份证号码: 18 characters, upper-case X.</summary>
    public string CitizenId { get; private set; } = "";

    public string Name { get; set; } = "";

    public Sex Sex { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public string? Phone { get; set; }

    public long? HouseholdId { get; set; }

    public Household? Household { get; set; }

    /// <summary>与户主关系; set exactly when <see cref="HouseholdId"/> is.</summary>
    public RelationToHead? RelationToHead { get; set; }

    public long VillageId { get; set; }

    public Jurisdiction? Village { get; set; }

    /// <summary>Code of <see cref="Entities.HukouType"/>, e.g. <c>local</c>.</summary>
    public string HukouType { get; set; } = "local";

    public ResidentStatus Status { get; set; }

    public DateOnly? StatusChangedOn { get; set; }

    /// <summary>证明材料 / 文号 of a death or a move out of the county (required by the page that records them).</summary>
    public string? StatusEvidence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two clerks editing the same person get a conflict, not a lost update.</summary>
    public uint RowVersion { get; private set; }

    /// <summary>
    /// Validates and normalizes the number (lower-case x accepted, 15-digit legacy numbers upgraded) and derives
    /// sex and birth date. Throws <see cref="FormatException"/> with the reason.
    /// </summary>
    public void SetCitizenId(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        // The domain's parser (docs/rules.md §2.4); surrounding blanks from a form or a file are not part of the number.
        var parsed = DomainCitizenId.Parse(number.Trim());
        CitizenId = parsed.ToString();
        Sex = parsed.Sex;
        BirthDate = parsed.BirthDate;
    }
}
