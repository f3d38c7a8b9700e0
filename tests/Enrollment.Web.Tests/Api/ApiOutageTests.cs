using System.Net;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Hosting;

namespace Enrollment.Web.Tests.Api;

/// <summary>The app with its database unreachable (a closed port).</summary>
public sealed class UnreachableDatabaseApp : EnrollmentAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:EnrollmentApp", "Host=127.0.0.1;Port=1;Database=none;Username=enrollment_app;Timeout=2");
    }

    public HttpClient NewClient() =>
        CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>The app with a per-key limit of one request a second, so a burst is refused.</summary>
public sealed class TightLimitApp : EnrollmentAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Enrollment:Api:RequestsPerSecond"] = "1" };

    public HttpClient NewClient() =>
        CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>An unreachable database answers 503 with Retry-After as problem+json, never a 500 or an HTML page.</summary>
public sealed class ApiOutageTests(UnreachableDatabaseApp app) : IClassFixture<UnreachableDatabaseApp>
{
    [Fact]
    public async Task Every_route_answers_503_unavailable_with_retry_after()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "enr_whatever");
        foreach (var response in new[]
        {
            await client.PostAsync("/api/v1/payments", new StringContent("""{"campaign": "tengzhou-2025"}""", System.Text.Encoding.UTF8, "application/json")),
            await client.GetAsync("/api/v1/payments/1"),
            await client.GetAsync("/api/v1/campaigns/tengzhou-2025/progress"),
            await client.GetAsync("/api/v1/campaigns/tengzhou-2025/dues/370481199001011234"),
        })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.ShouldNotBeNull();
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            ((string)(await ApiWorld.ReadAsync(response))["code"]!).ShouldBe("unavailable");
        }
    }
}

public sealed class ApiRateLimitTests(TightLimitApp app) : IClassFixture<TightLimitApp>
{
    [Fact]
    public async Task A_burst_beyond_the_keys_limit_answers_429_with_retry_after()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "enr_burst");
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await client.GetAsync("/api/v1/payments/1"));
        }
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.ShouldNotBeEmpty();
        limited[0].Headers.RetryAfter.ShouldNotBeNull();
        ((string)(await ApiWorld.ReadAsync(limited[0]))["code"]!).ShouldBe("rate_limited");
        // Another key has its own budget.
        var other = app.NewClient();
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "enr_other");
        (await other.GetAsync("/api/v1/payments/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
