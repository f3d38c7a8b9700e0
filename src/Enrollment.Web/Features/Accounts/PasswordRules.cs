using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Refuses the passwords people try first (a list of common ones of an accepted shape, in the embedded
/// common-passwords.txt), any password containing the login, and characters nobody can type at a sign-in form
/// (control and format characters, a lone surrogate, the replacement character a broken encoding leaves). The demo's
/// shared password is on the list: real accounts may not use it.
/// </summary>
internal sealed class PasswordRules : IPasswordValidator<UserAccount>
{
    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (HasUntypeable(password))
        {
            return Failed("PasswordInvalidCharacter", "密码不能包含不可见字符、控制字符或乱码。");
        }
        if (user.Login.Length > 0 && password.Contains(user.Login, StringComparison.OrdinalIgnoreCase))
        {
            return Failed("PasswordContainsLogin", "密码不能包含登录名。");
        }
        return IsCommon(password) ? Failed("PasswordTooCommon", "该密码过于常见，容易被猜中，请换一个。") : Task.FromResult(IdentityResult.Success);
    }

    /// <summary>A control or format character, or the replacement character (a lone surrogate enumerates as one too).</summary>
    public static bool HasUntypeable(string password) =>
        password.EnumerateRunes().Any(r => r == Rune.ReplacementChar || Rune.IsControl(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.Format);

    public static bool IsCommon(string password) => Common.Contains(password.Trim().ToLowerInvariant());

    private static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Enrollment.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line.Trim().ToLowerInvariant());
            }
        }
        return lines.ToFrozenSet();
    }
}
