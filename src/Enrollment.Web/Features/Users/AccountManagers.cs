using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// A <see cref="UserManager{TUser}"/> over one operation's context. The manager the container hands out works on
/// the scope's DbContext, which in a circuit lives as long as the tab is open; user management writes through the
/// context its handler opened (one per operation), with the app's password rules and Chinese messages.
/// </summary>
public sealed class AccountManagers(
    IOptions<IdentityOptions> options,
    IPasswordHasher<UserAccount> hasher,
    IEnumerable<IUserValidator<UserAccount>> userValidators,
    IEnumerable<IPasswordValidator<UserAccount>> passwordValidators,
    ILookupNormalizer normalizer,
    IdentityErrorDescriber describer,
    IServiceProvider services,
    ILogger<UserManager<UserAccount>> logger,
    TimeProvider clock)
{
    public UserManager<UserAccount> For(EnrollmentDbContext db) =>
        new(new UserAccountStore(db, clock), options, hasher, userValidators, passwordValidators, normalizer, describer, services, logger);
}
