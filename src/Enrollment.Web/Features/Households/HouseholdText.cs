namespace Enrollment.Web.Features.Households;

/// <summary>The household feature's Chinese labels and refusals, one place for the page, the commands and the tests.</summary>
internal static class HouseholdText
{
    public static string Of(MemberCampaignStatus status) => status switch
    {
        MemberCampaignStatus.NotEnrolled => "未登记",
        MemberCampaignStatus.Registered => "已登记未缴费",
        MemberCampaignStatus.Paid => "已缴费",
        MemberCampaignStatus.Excluded => "不参保（已排除）",
        MemberCampaignStatus.Cancelled => "已取消",
    };

    public const string ChooseRelation = "请从列表中选择与户主关系（“本人”只用于户主）。";
    public const string NotAMember = "所选人员不是本户成员。";
    public const string HeadKeepsSelf = "户主与户主的关系是“本人”；如需变更，请先为本户更换户主。";
    public const string AlreadyHead = "该成员已是户主。";
    public const string NotActive = "已死亡或已迁出的人员不能办理家庭户变动。";
    public const string HeadCannotLeave = "户主不能迁出或分出（本户还有其他成员）：请先为本户更换户主。";
    public const string SameHousehold = "请选择另一个家庭户。";
    public const string TargetOutOfScope = "请选择本辖区内的家庭户。";
    public const string MergeOtherVillage = "只能合并同一村（社区）的家庭户。";
    public const string SplitNeedsMembers = "请选择要分出的成员。";
    public const string SplitNotEveryone = "不能把全部成员分出：本户至少要留下一人（含户主）。";
    public const string SplitHeadAmongMembers = "新户的户主须是分出的成员之一。";
    public const string MergeRelations = "请为每位并入的成员选择与户主关系。";
    public const string Stale = "该户信息刚被他人修改，请刷新页面后重试。";

    /// <summary>Across townships a member does not move inside the county's households: the township they join asks for a transfer.</summary>
    public const string IsATransfer =
        "该家庭户在其他镇（街道）：跨镇（街道）变动属于转移，不能在家庭户中直接迁入。请由迁入地镇（街道）在“登记参保人员”页输入其身份证号码申请转入，并在“转移申请”中查看审批。";
}
