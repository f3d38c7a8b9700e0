using System.Globalization;
using Enrollment.Cli.Seed;
using Enrollment.Data;
using Enrollment.Data.Imports.Payments;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Cli.Tests.Import;

/// <summary>One demo database per test class (business date 2024-11-20, 滕州 2025 open), for payment files.</summary>
public sealed class PaymentDemoFixture : DatabaseFixture
{
    public static readonly DateOnly Today = new(2024, 11, 20);

    public const string Campaign = "tengzhou-2025";

    public static readonly string[] Header = ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号", "险种", "缴费年度"];

    public sealed record Person(long EnrollmentId, string IdNumber, string Name);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DemoSeeder.SeedAsync(ConnectionString, CitizenIdHasher.FromBase64(TestKeys.IdHashKey), default);
    }

    /// <summary>A row of the tax file: 400 yuan by WeChat on the business date, for the resident medical insurance of 2025.</summary>
    public static object?[] Row(Person person, string reference, string amount = "400.00", string paidOn = "2024-11-20", string channel = "微信",
        string? name = null, string insurance = "城乡居民基本医疗保险", string year = "2025") =>
        [name ?? person.Name, person.IdNumber, amount, paidOn, channel, reference, insurance, year];

    /// <summary>The n-th (after <paramref name="skip"/>) active, unpaid adult of 滕州 2025 without certifications or exclusions (pays 400).</summary>
    public Task<Person> UnpaidAsync(int skip) => PersonAsync("""
        e.status = 'registered' AND r.birth_date BETWEEN '1970-01-01' AND '2000-01-01'
        AND NOT EXISTS (SELECT 1 FROM certifications x WHERE x.tenant_id = e.tenant_id AND x.resident_id = r.id)
        """, skip);

    /// <summary>An enrollment whose whole contribution the government pays (nothing is due from the person).</summary>
    public Task<Person> FullySubsidisedAsync() => PersonAsync("e.status = 'government_paid'", 0);

    private async Task<Person> PersonAsync(string condition, int skip)
    {
        var row = await ScalarAsync<string>($"""
            SELECT e.id || '|' || r.citizen_id || '|' || r.name
            FROM enrollments e
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id AND c.code = 'tengzhou-2025'
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            WHERE r.status = 'active' AND {condition}
              AND NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.tenant_id = e.tenant_id AND x.resident_id = r.id)
            ORDER BY e.id OFFSET $1 LIMIT 1
            """, skip);
        var parts = row.Split('|');
        return new Person(long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2]);
    }

    /// <summary>A context of the app role for 滕州 (row-level security), as the CLI and the page use.</summary>
    public async Task<EnrollmentDbContext> ContextAsync()
    {
        var tenant = await ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        var source = NpgsqlDataSource.Create(AppConnectionString);
        return new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(source), TenantContext.For(tenant, "test"));
    }

    public async Task<PaymentImportPreview> CheckAsync(byte[] file, string campaign = Campaign)
    {
        await using var db = await ContextAsync();
        using var stream = new MemoryStream(file);
        return await PaymentImportCheck.CheckAsync(db, stream, campaign, Today, default);
    }

    public async Task<PaymentImportOutcome> CommitAsync(PaymentImportPreview preview)
    {
        await using var db = await ContextAsync();
        return await PaymentImportCommit.CommitAsync(db, preview, "税务缴费明细.xlsx", DateTimeOffset.UtcNow, default);
    }

    /// <summary>A scalar query as the owner (sees every tenant).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T), CultureInfo.InvariantCulture);
    }
}
