using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// The app with an <see cref="AccountsWorld"/>, checking the security stamp on every request instead of once a
/// minute, so a test sees a disabled or reset account signed out without waiting.
/// </summary>
public sealed class UsersApp : EnrollmentAppFactory
{
    public AccountsWorld World { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        World = await AccountsWorld.CreateAsync(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
    }
}
