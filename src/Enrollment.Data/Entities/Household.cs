using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>Household (户): its village, address and head.</summary>
public class Household : TenantEntity, IJurisdictionScoped
{
    /// <summary>The village (or natural village) the household belongs to.</summary>
    public long VillageId { get; set; }

    public Jurisdiction? Village { get; set; }

    /// <summary>户号 from the household register, when known.</summary>
    public string? HouseholdNumber { get; set; }

    public string? Address { get; set; }

    /// <summary>户主. Set after the head is saved as a resident (the two rows reference each other).</summary>
    public long? HeadResidentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: the address is edited with a resident's details, so it is checked the same way.</summary>
    public uint RowVersion { get; private set; }
}
