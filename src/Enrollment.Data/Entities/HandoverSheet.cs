using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// A received 缴款单: a collector's cash of one village and payment day, frozen when a township clerk marked it
/// received (收讫). Until then a sheet is only a view of the collector's open payments; afterwards those payments
/// point here (<see cref="Payment.HandoverSheetId"/>) and later cash of the same day goes on sheet
/// <see cref="Number"/> + 1. Insert-only (the database refuses updates and deletes).
/// </summary>
public class HandoverSheet : TenantEntity, IJurisdictionScoped
{
    public long CollectorUserId { get; set; }

    public long VillageId { get; set; }

    public Jurisdiction? Village { get; set; }

    public DateOnly CollectedOn { get; set; }

    /// <summary>第 n 张 of this collector, village and day.</summary>
    public int Number { get; set; }

    /// <summary>Unreversed payments on the sheet when it was received.</summary>
    public int PaymentCount { get; set; }

    /// <summary>Their sum in yuan, as counted when received.</summary>
    public decimal Total { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public long? ReceivedByUserId { get; set; }
}
