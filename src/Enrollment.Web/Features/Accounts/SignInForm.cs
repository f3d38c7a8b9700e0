using System.ComponentModel.DataAnnotations;
using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Features.Accounts;

public sealed class SignInForm
{
    [Required(ErrorMessage = "请输入登录名。")]
    [FreeText("登录名", 64)]
    public string Login { get; set; } = "";

    [Required(ErrorMessage = "请输入密码。")]
    [StringLength(128, ErrorMessage = "密码不能超过 128 个字符。")]
    [PasswordCharacters("密码")]
    public string Password { get; set; } = "";
}
