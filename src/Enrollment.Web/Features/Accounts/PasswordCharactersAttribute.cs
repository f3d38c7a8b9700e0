using System.ComponentModel.DataAnnotations;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// A password field: characters no password may hold (<see cref="PasswordRules.HasUntypeable"/>) are said as such,
/// before the password is checked — a wrong password is only ever "登录名或密码不正确", but these cannot be anyone's.
/// Passwords are never trimmed or normalised.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PasswordCharactersAttribute(string label) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is string password && PasswordRules.HasUntypeable(password)
            ? new ValidationResult($"{label}含有不可见字符、控制字符或乱码，请重新输入。", validationContext.MemberName is { } member ? [member] : [])
            : ValidationResult.Success;
    }
}
