using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Campaigns.Status;

/// <summary>What the status step is called on its button and what its confirmation says it changes.</summary>
public static class CampaignStatusText
{
    public static string Action(CampaignStatus next) => next switch
    {
        CampaignStatus.Open => "开始征缴",
        CampaignStatus.Closed => "结束征缴",
        CampaignStatus.Accepted => "验收",
        CampaignStatus.Draft => "退回草稿",
    };

    public static string Consequence(CampaignStatus next) => next switch
    {
        CampaignStatus.Open => "开始后，本活动成为该年度、该范围正在征缴的活动，各镇街按其政策登记、核定；此后修改政策须填写原因并先预览影响。",
        CampaignStatus.Closed => "结束后，本活动的政策不能再修改，参保名单不能再结转。此操作不能撤销。",
        CampaignStatus.Accepted => "验收表示本年度征缴工作已核对完毕，活动的各项数据作为最终结果保存。此操作不能撤销。",
        CampaignStatus.Draft => "活动不能退回草稿。",
    };
}
