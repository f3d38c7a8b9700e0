using Enrollment.Cli.Seed;

namespace Enrollment.Cli.Generate;

/// <summary>Everything the table writers need besides the rows: tenant, ids, id bases, timestamps.</summary>
internal sealed class LoadContext
{
    public required int TenantId { get; init; }

    public required TenantIds Ids { get; init; }

    public required long Residents { get; init; }

    public required long CurrentCampaignId { get; init; }

    public required long? PriorCampaignId { get; init; }

    /// <summary>"鲍沟镇东王庄村" by village index, for addresses.</summary>
    public required string[] VillageAddresses { get; init; }

    public required DateOnly RegisteredOn { get; init; }

    public required DateOnly PriorRegisteredOn { get; init; }

    /// <summary>Ids written are base + generated number (see <see cref="Data.Bulk.IdentityRange"/>).</summary>
    public required IReadOnlyDictionary<string, long> Bases { get; init; }

    /// <summary>When false, households are written without their head and linked after residents (keys kept).</summary>
    public required bool HeadsInline { get; init; }

    /// <summary>Also write last year's payments (the enrollments of the prior campaign are always written).</summary>
    public bool PriorPayments { get; init; } = true;

    public long HouseholdId(long number) => Bases["households"] + number;

    public long ResidentId(long number) => Bases["residents"] + number;

    public long EnrollmentId(long number) => Bases["enrollments"] + number;

    public long PriorEnrollmentId(long number) => Bases["enrollments"] + Residents + number;

    public long PaymentId(long number) => Bases["payments"] + number;

    public long PriorPaymentId(long number) => Bases["payments"] + Residents + number;

    /// <summary>08:30 Beijing time on a day, as a UTC instant for timestamptz.</summary>
    public static DateTime Morning(DateOnly day, long spreadMinutes = 0) =>
        day.ToDateTime(new TimeOnly(0, 30), DateTimeKind.Utc).AddMinutes(spreadMinutes % 540);
}
