using System.ComponentModel.DataAnnotations;
using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Features.Users;

/// <summary>新建县级医保局 and its first county administrator.</summary>
public sealed class NewTenantForm
{
    [Required(ErrorMessage = "请输入代码。")]
    [StringLength(40, ErrorMessage = "代码不能超过 40 个字符。")]
    [RegularExpression("^[a-z][a-z0-9_-]*$", ErrorMessage = "代码须以小写字母开头，只能使用小写字母、数字、下划线和连字符，例如 tengzhou。")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "请输入医保局名称。")]
    [FreeText("医保局名称", 60)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "请输入县（市、区）名称。")]
    [FreeText("县（市、区）名称", 30)]
    public string CountyName { get; set; } = "";

    [RegionCode]
    public string? RegionCode { get; set; }

    [Required(ErrorMessage = "请输入管理员登录名。")]
    [StringLength(64, MinimumLength = 3, ErrorMessage = "登录名长度须为 3 到 64 个字符。")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "登录名只能使用字母、数字、点、下划线和连字符。")]
    public string AdminLogin { get; set; } = "";

    [Required(ErrorMessage = "请输入管理员姓名。")]
    [FreeText("管理员姓名", 50)]
    public string AdminDisplayName { get; set; } = "";

    /// <summary>Blank: the handler generates one.</summary>
    [StringLength(128, ErrorMessage = "密码不能超过 128 个字符。")]
    public string? AdminPassword { get; set; }
}
