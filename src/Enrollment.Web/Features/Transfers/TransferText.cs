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

    /// <summary>What happened, as the clerk reads it after acting on a request.</summary>
    public static string Outcome(TransferOutcome outcome) => outcome switch
    {
        TransferOutcome.Approved => "已批准，该人员已转入申请方的村（社区）。",
        TransferOutcome.Rejected => "已驳回该转移申请。",
        TransferOutcome.Withdrawn => "已撤回该转移申请。",
        TransferOutcome.NoteRequired => "驳回须填写理由。",
        TransferOutcome.NoteInvalid => "理由或说明不能超过 200 个字，也不能含有不可见字符或乱码；未作更改，请修改后重试。",
        TransferOutcome.AlreadyClosed => "该申请已被撤回或已由他人处理，未作更改。请查看列表中的最新状态。",
        TransferOutcome.Lapsed => "申请提出后该人员所在村（社区）已变更，按原申请转移将依据过时信息，故未转移，该申请已失效。如仍需转入，请申请方重新提交申请。",
        TransferOutcome.NotFound => "找不到该申请，或您无权处理。",
    };

    /// <summary>The note written on a request found out of date when someone tried to approve it.</summary>
    public const string LapsedNote = "申请后该人员所在村（社区）或人员状态（如死亡、迁出）已变更，未转移；如仍需转入，请重新申请";
}
