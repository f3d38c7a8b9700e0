using System.ComponentModel.DataAnnotations;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Features.Users;

/// <summary>新建账号. <see cref="TenantId"/> is read only from a system administrator (a county administrator's own tenant is implied).</summary>
public sealed class NewUserForm
{
    [Required(ErrorMessage = "请输入登录名。")]
    [StringLength(64, MinimumLength = 3, ErrorMessage = "登录名长度须为 3 到 64 个字符。")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "登录名只能使用字母、数字、点、下划线和连字符。")]
    public string Login { get; set; } = "";

    [Required(ErrorMessage = "请输入姓名。")]
    [FreeText("姓名", 50)]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "请选择角色。")]
    public UserRole? Role { get; set; }

    public long? JurisdictionId { get; set; }

    public int? TenantId { get; set; }

    /// <summary>Blank: the handler generates one.</summary>
    [StringLength(128, ErrorMessage = "密码不能超过 128 个字符。")]
    public string? TemporaryPassword { get; set; }
}

/// <summary>修改账号: name, role and jurisdiction.</summary>
public sealed class EditUserForm
{
    [Required(ErrorMessage = "请输入姓名。")]
    [FreeText("姓名", 50)]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "请选择角色。")]
    public UserRole? Role { get; set; }

    public long? JurisdictionId { get; set; }
}

/// <summary>重置密码. Blank: the handler generates one.</summary>
public sealed class ResetPasswordForm
{
    [StringLength(128, ErrorMessage = "密码不能超过 128 个字符。")]
    public string? TemporaryPassword { get; set; }
}
