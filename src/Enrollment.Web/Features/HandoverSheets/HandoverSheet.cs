using System.Globalization;
using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>
/// Which 缴款单: a collector's cash of one village and payment day, 第 <see cref="Number"/> 张 (2 and more only when a
/// sheet of that day was received and the collector recorded cash afterwards).
/// </summary>
public sealed record HandoverSheetKey(long CollectorUserId, long VillageId, DateOnly CollectedOn, int Number)
{
    /// <summary>The sheet's path below /payments/handover (print view and workbook).</summary>
    public string Path => $"{CollectorUserId}/{VillageId}/{CollectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Number}";

    /// <summary>A key read from a route; null when the day is not a date.</summary>
    public static HandoverSheetKey? Parse(long collector, long village, string? day, int number) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new HandoverSheetKey(collector, village, date, number)
            : null;
}

/// <summary>Open: still collecting (its payments are not on a received sheet); received: frozen by a clerk's 收讫.</summary>
public enum HandoverState
{
    Open,
    Received,
}

/// <summary>The filters above the sheet list: a township (the county's view) and the state.</summary>
public sealed record HandoverFilter(long? TownshipId = null, HandoverState? State = null);

/// <summary>One sheet in the list.</summary>
public sealed record HandoverSheetRow(
    HandoverSheetKey Key, string Collector, string Township, string Village, int Count, decimal Total, int Reversed,
    DateTimeOffset? ReceivedAt, string? ReceivedBy, bool CanReceive)
{
    public HandoverState State => ReceivedAt is null ? HandoverState.Open : HandoverState.Received;
}

/// <summary>One person's cash on a sheet; a reversed payment is listed but not counted.</summary>
public sealed record HandoverLine(
    long PaymentId, string Name, string MaskedCitizenId, string Village, string? HouseholdNumber, decimal Amount, string? Reference,
    PaymentState State)
{
    public bool Counted => State != PaymentState.Reversed;
}

/// <summary>
/// A sheet as printed: who handed over which cash, the total in figures and in Chinese capitals, and whether and by
/// whom it was received. <see cref="Seen"/> is what the clerk confirms: receiving a sheet that changed since it was
/// shown is refused.
/// </summary>
public sealed record HandoverSheetView(
    HandoverSheetKey Key, string County, string Township, string Village, string Collector, IReadOnlyList<HandoverLine> Lines,
    int Count, decimal Total, string TotalInWords, DateTimeOffset? ReceivedAt, string? ReceivedBy, bool CanReceive, string Seen)
{
    public HandoverState State => ReceivedAt is null ? HandoverState.Open : HandoverState.Received;
}

/// <summary>What marking a sheet received did.</summary>
public enum HandoverOutcome
{
    Received,
    /// <summary>Received by someone else meanwhile (or already when shown).</summary>
    AlreadyReceived,
    /// <summary>Payments added or reversed since the clerk looked: nothing received.</summary>
    Changed,
    /// <summary>A clerk does not receive their own cash.</summary>
    OwnSheet,
    NotFound,
}
