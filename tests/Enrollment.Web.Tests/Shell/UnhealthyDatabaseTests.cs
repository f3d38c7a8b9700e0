using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enrollment.Web.Tests.Shell;

/// <summary>/healthz turns red when the database is unreachable, and the home page still renders.</summary>
public sealed class UnhealthyDatabaseTests : IDisposable
{
    private readonly WebApplicationFactory<Program> app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Testing");
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        builder.UseSetting("ConnectionStrings:EnrollmentApp", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
    });

    [Fact]
    public async Task Healthz_is_unhealthy_without_a_database()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"database\":{\"status\":\"Unhealthy\"");
    }

    [Fact]
    public void The_web_process_refuses_to_start_with_only_the_schema_owners_connection()
    {
        using var ownerOnly = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Enrollment", "Host=127.0.0.1;Port=1;Database=none;Username=postgres");
        });

        var error = Should.Throw<InvalidOperationException>(() => ownerOnly.CreateClient());
        error.Message.ShouldContain("ConnectionStrings:EnrollmentApp");
    }

    public void Dispose() => app.Dispose();
}
