using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Transfers;

/// <summary>Chinese names and dates shown on the transfer pages.</summary>
internal static class TransferText
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string StatusName(TransferStatus status) => status switch
    {
        TransferStatus.Pending => "待审批",
        TransferStatus.Approved => "已批准",
        TransferStatus.Rejected => "已驳回",
        TransferStatus.Cancelled => "已撤回",
        TransferStatus.Superseded => "已失效",
    };

    /// <summary>Dates as the township office reads them: China Standard Time.</summary>
    public static string Day(DateTimeOffset at) => at.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Minute(DateTimeOffset at) => at.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The note written on a request found out of date when someone tried to approve it.</summary>
    public const string LapsedNote = "申请后该人员所在村（社区）或人员状态（如死亡、迁出）已变更，未转移；如仍需转入，请重新申请";
}
