using System.ComponentModel.DataAnnotations;

namespace Enrollment.Web.Features.Accounts;

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "请输入当前密码。")]
    [StringLength(128, ErrorMessage = "密码不能超过 128 个字符。")]
    [PasswordCharacters("当前密码")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "请输入新密码。")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "新密码长度须为 10 到 128 位。")]
    [PasswordCharacters("新密码")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "请再次输入新密码。")]
    [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致。")]
    public string ConfirmPassword { get; set; } = "";
}
