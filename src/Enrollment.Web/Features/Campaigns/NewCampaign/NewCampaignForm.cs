using System.ComponentModel.DataAnnotations;

namespace Enrollment.Web.Features.Campaigns.NewCampaign;

/// <summary>新建征缴活动 from a shipped policy template.</summary>
public sealed class NewCampaignForm
{
    /// <summary>The template's campaign id, e.g. tengzhou-2025 (PolicyCatalog).</summary>
    [Required(ErrorMessage = "请选择政策模板。")]
    public string Template { get; set; } = "";

    [Required(ErrorMessage = "请输入医保年度。")]
    [Range(2000, 2100, ErrorMessage = "医保年度应在 2000 到 2100 之间。")]
    public int? PolicyYear { get; set; }

    /// <summary>The township the campaign covers; null = the whole county.</summary>
    public long? TownshipId { get; set; }

    [Required(ErrorMessage = "请输入征缴活动编号。")]
    [StringLength(40, ErrorMessage = "编号不能超过 40 个字符。")]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "编号只能使用小写字母、数字和连字符“-”（不能以“-”开头或结尾），例如 tengzhou-2026。")]
    public string Code { get; set; } = "";
}
