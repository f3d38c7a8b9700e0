using Microsoft.AspNetCore.Identity;

namespace Enrollment.Web.Features.Accounts;

/// <summary>Identity's validation messages, in the words a township clerk reads.</summary>
internal sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"密码至少需要 {length} 位。");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "密码必须包含数字。");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "密码必须包含小写字母。");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "密码必须包含大写字母。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "密码必须包含符号。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"密码至少需要 {uniqueChars} 个不同的字符。");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "当前密码不正确。");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"登录名“{userName}”已被使用。");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"登录名“{userName}”无效：只能使用字母、数字、点、下划线和连字符。");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "账号已被他人修改，请刷新后重试。");
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "操作未能完成，请重试。");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
