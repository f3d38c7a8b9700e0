using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Users;

/// <summary>The app with an <see cref="AccountsWorld"/> (the security stamp is checked on every request).</summary>
public sealed class UsersApp : EnrollmentAppFactory
{
    public AccountsWorld World { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        World = await AccountsWorld.CreateAsync(this);
    }
}
