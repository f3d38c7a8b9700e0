using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enrollment.Data.Payments;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Api;

/// <summary>Keys and unpaid residents of the demo for the API tests, and a client that sends a key.</summary>
internal static class ApiWorld
{
    public const string Campaign = "tengzhou-2025";

    private static readonly string[] AllScopes = ["payments:write", "progress:read"];

    public sealed record Person(long ResidentId, long EnrollmentId, string IdNumber, string Name);

    /// <summary>A key of <paramref name="tenant"/> with <paramref name="scopes"/>; returns its secret.</summary>
    public static async Task<string> KeyAsync(DemoApp app, string tenant = "tengzhou", params string[] scopes)
    {
        var secret = ApiKeySecrets.Prefix + Guid.NewGuid().ToString("N");
        await app.ScalarAsync<long>("""
            INSERT INTO api_keys (tenant_id, name, scopes, secret_hash, created_at)
            SELECT id, $1, $2, $3, now() FROM tenants WHERE code = $4 RETURNING id
            """, "测试密钥", scopes.Length == 0 ? AllScopes : scopes, ApiKeySecrets.Hash(secret), tenant);
        return secret;
    }

    /// <summary>A context of the app role for 滕州, as pages and imports would call the payment service with.</summary>
    public static async Task<Data.EnrollmentDbContext> ContextAsync(DemoApp app)
    {
        var tenant = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        var source = Npgsql.NpgsqlDataSource.Create(Testing.TestPostgres.AppConnectionStringFor(app.DatabaseName));
        return new Data.EnrollmentDbContext(Data.DataServiceCollectionExtensions.CreateOptions(source), Data.Tenancy.TenantContext.For(tenant, "test"));
    }

    public static HttpClient Client(DemoApp app, string? secret)
    {
        var client = app.NewClient();
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        return client;
    }

    /// <summary>The n-th (skipping <paramref name="skip"/>) active, unpaid adult of 滕州 2025 without certifications (pays 400).</summary>
    public static async Task<Person> UnpaidAsync(DemoApp app, int skip)
    {
        var row = await app.ScalarAsync<string>("""
            SELECT r.id || '|' || e.id || '|' || r.citizen_id || '|' || r.name
            FROM enrollments e
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id AND c.code = 'tengzhou-2025'
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            WHERE e.status = 'registered' AND r.status = 'active' AND r.birth_date BETWEEN '1970-01-01' AND '2000-01-01'
              AND NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.tenant_id = e.tenant_id AND x.resident_id = r.id)
              AND NOT EXISTS (SELECT 1 FROM certifications x WHERE x.tenant_id = e.tenant_id AND x.resident_id = r.id)
            ORDER BY e.id OFFSET $1 LIMIT 1
            """, skip);
        var parts = row.Split('|');
        return new Person(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3]);
    }

    public static JsonObject Body(Person person, string reference, decimal amount = 400m, string paidOn = "2024-11-20", string channel = "wechat") => new()
    {
        ["campaign"] = Campaign,
        ["id_number"] = person.IdNumber,
        ["name"] = person.Name,
        ["amount"] = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        ["paid_on"] = paidOn,
        ["channel"] = channel,
        ["reference"] = reference,
    };

    public static async Task<(System.Net.HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> PostAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/payments", body);
        return (response.StatusCode, await ReadAsync(response), response);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }
}
