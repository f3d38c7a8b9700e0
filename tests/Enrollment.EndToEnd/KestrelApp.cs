using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.EndToEnd;

/// <summary>The real app on a real socket (Kestrel on a free loopback port), so a real browser can reach it.</summary>
public class KestrelApp : EnrollmentAppFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseAddress = Kestrel.Start(this);
    }
}

/// <summary>The demo (data and one account per role) served on a real socket for the browser.</summary>
public sealed class DemoKestrelApp : DemoApp
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseAddress = Kestrel.Start(this);
    }
}

internal static class Kestrel
{
    /// <summary>Starts <paramref name="app"/> on Kestrel at a free port and returns its loopback address.</summary>
    public static Uri Start(WebApplicationFactory<Program> app)
    {
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
