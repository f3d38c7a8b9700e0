using Enrollment.Cli.Accounts;
using Enrollment.Cli.Seed;
using Enrollment.Data.Registry;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Enrollment.Testing.Web;

/// <summary>
/// The app on a database holding the demo data (seed --demo) and the demo accounts (accounts demo), with the
/// business date inside the tengzhou-2025 window: what a person sees after the run command.
/// </summary>
public class DemoApp : EnrollmentAppFactory
{
    public const string Password = DemoAccounts.Password;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Enrollment:BusinessDate"] = "2024-11-20" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var owner = TestPostgres.ConnectionStringFor(DatabaseName);
        // With the test key, so the demo's residents are in the duplicate registry as after the run command.
        await DemoSeeder.SeedAsync(owner, CitizenIdHasher.FromBase64(TestKeys.IdHashKey), CancellationToken.None);
        await DemoAccounts.EnsureAsync(owner, CancellationToken.None);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs <paramref name="client"/> in through the real form; returns the POST's response.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password = Password) =>
        AccountsWorld.SignInAsync(client, login, password);

    /// <summary>
    /// A resident of the 滕州 demo township <paramref name="township"/> (e.g. 鲍沟镇), living in its first village
    /// in official order, or in its last one.
    /// </summary>
    public Task<long> ResidentOfAsync(string township, bool lastVillage = false) =>
        ScalarAsync<long>($"""
            SELECT r.id FROM residents r
            JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = $1
            ORDER BY v.display_order {(lastVillage ? "DESC" : "ASC")}, v.id {(lastVillage ? "DESC" : "ASC")}, r.id
            LIMIT 1
            """, township);

    /// <summary>Runs a scalar SQL query as the owner (for asserting on audit rows).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }
}

public static class UriTestExtensions
{
    /// <summary>The path of a Location header, whether the app wrote it absolute or relative.</summary>
    public static string AbsolutePath(this Uri location) => (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath;
}
