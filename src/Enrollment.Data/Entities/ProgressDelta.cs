using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// One append-only change of a village's paid residents and amount on one payment day, written by the triggers on
/// enrollments and residents in the transaction that changed them. Progress is the sum; a compaction replaces a
/// campaign's rows by their sums (docs/data-model.md, "Progress rollup").
/// </summary>
public class ProgressDelta : TenantEntity, IJurisdictionScoped
{
    public long CampaignId { get; set; }

    public long? TownshipId { get; set; }

    public long VillageId { get; set; }

    public Jurisdiction? Village { get; set; }

    public DateOnly PaidOn { get; set; }

    public int Paid { get; set; }

    public decimal Amount { get; set; }
}
