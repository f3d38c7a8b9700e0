using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Accounts;
using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store over our one DbContext and its global <c>user_accounts</c> table
/// (docs/decisions/0005): passwords, security stamps and lockout; no claims, logins or tokens tables.
/// Logins are stored already normalised (lower case), see <see cref="LoginNormalizer"/>. The app role cannot write
/// the table: creating and updating go through the database's account functions (<see cref="AccountWrites"/>).
/// </summary>
internal sealed class UserAccountStore(EnrollmentDbContext db, TimeProvider clock) :
    IUserPasswordStore<UserAccount>, IUserSecurityStampStore<UserAccount>, IUserLockoutStore<UserAccount>
{

    public Task<string> GetUserIdAsync(UserAccount user, CancellationToken cancellationToken) =>
        Task.FromResult(user.Id.ToString(CultureInfo.InvariantCulture));

    public Task<string?> GetUserNameAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Login);

    public Task SetUserNameAsync(UserAccount user, string? userName, CancellationToken cancellationToken)
    {
        user.Login = LoginNormalizer.Normalize(userName ?? "");
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Login);

    public Task SetNormalizedUserNameAsync(UserAccount user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.Login = normalizedName ?? user.Login;
        return Task.CompletedTask;
    }

    public async Task<IdentityResult> CreateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await AccountWrites.CreateAsync(db, user, clock, cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>What Identity itself changes: a password, the sign-in counters and lockout, the stamp.</summary>
    public async Task<IdentityResult> UpdateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await AccountWrites.SaveIdentityChangesAsync(db, user, clock, cancellationToken);
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(UserAccount user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Accounts are disabled, never deleted: the audit log refers to them.");

    public Task<UserAccount?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? db.UserAccounts.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            : Task.FromResult<UserAccount?>(null);

    public Task<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.UserAccounts.SingleOrDefaultAsync(u => u.Login == normalizedUserName, cancellationToken);

    public Task SetPasswordHashAsync(UserAccount user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(UserAccount user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(UserAccount user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(UserAccount user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(UserAccount user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    /// <summary>Every account can be locked out, administrators included.</summary>
    public Task<bool> GetLockoutEnabledAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(UserAccount user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}

/// <summary>Logins compare case-insensitively: stored trimmed and lower case.</summary>
internal sealed class LoginNormalizer : ILookupNormalizer
{
    public static string Normalize(string login) => login.Trim().ToLowerInvariant();

    public string? NormalizeName(string? name) => name is null ? null : Normalize(name);

    public string? NormalizeEmail(string? email) => email is null ? null : Normalize(email);
}
