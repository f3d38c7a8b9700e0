using System.ComponentModel.DataAnnotations;

namespace Enrollment.Web.Features.Accounts;

public sealed class SignInForm
{
    [Required(ErrorMessage = "请输入登录名。")]
    [StringLength(64, ErrorMessage = "登录名不能超过 64 个字符。")]
    public string Login { get; set; } = "";

    [Required(ErrorMessage = "请输入密码。")]
    [StringLength(128, ErrorMessage = "密码不能超过 128 个字符。")]
    public string Password { get; set; } = "";
}
