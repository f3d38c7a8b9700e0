using System.Net;
using AngleSharp.Html.Parser;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Enrollment.Web.Tests.Shell;

/// <summary>The demo, reaching its database through a forwarder the test can take down, as a restart would.</summary>
public sealed class OutageApp : DemoApp
{
    public TcpForwarder Forwarder { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Forwarder = new TcpForwarder(new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString).Port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var through = new NpgsqlConnectionStringBuilder(TestPostgres.AppConnectionStringFor(DatabaseName)) { Port = Forwarder.Port, Timeout = 2 };
        builder.UseSetting("ConnectionStrings:EnrollmentApp", through.ConnectionString);
        builder.UseSetting("Enrollment:Database:MaxRetryCount", "2");
        builder.UseSetting("Enrollment:Database:MaxRetryDelay", "00:00:00.500");
    }

    public override async ValueTask DisposeAsync()
    {
        await Forwarder.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// The database goes away while people work: requests answer 503 with Retry-After and a Chinese "try again shortly"
/// page — never a 500 — and work again by themselves when it is back.
/// </summary>
public sealed class DatabaseOutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    [Fact]
    public async Task While_the_database_is_down_pages_answer_503_and_afterwards_work_again()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");
        (await client.GetAsync("/transfers")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Forwarder.Down = true;
        try
        {
            var response = await client.GetAsync("/transfers");

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(10));
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            page.QuerySelector("h1")!.TextContent.ShouldBe("系统暂时无法使用");
            page.QuerySelector(".error-page")!.TextContent.ShouldContain("请稍等片刻后重试");
            app.LogLines.ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("/transfers", StringComparison.Ordinal));
        }
        finally
        {
            app.Forwarder.Down = false;
        }

        NpgsqlConnection.ClearAllPools();
        (await client.GetAsync("/transfers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
