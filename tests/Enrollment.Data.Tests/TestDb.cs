using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>Contexts and connections on a test database, as the app role or as the owner.</summary>
public sealed class TestDb : IAsyncDisposable
{
    /// <summary>The fixed test key, so hashes are reproducible.</summary>
    public static readonly CitizenIdHasher Hasher = CitizenIdHasher.FromBase64(TestKeys.IdHashKey);

    public TestDb(string ownerConnectionString, string appConnectionString)
    {
        Owner = NpgsqlDataSource.Create(ownerConnectionString);
        App = NpgsqlDataSource.Create(appConnectionString);
    }

    public NpgsqlDataSource Owner { get; }

    public NpgsqlDataSource App { get; }

    /// <summary>A context on the app role acting for <paramref name="tenant"/>.</summary>
    public EnrollmentDbContext AppContext(TenantContext tenant) =>
        new(DataServiceCollectionExtensions.CreateOptions(App), tenant, Hasher);

    public EnrollmentDbContext AppContext(int tenantId, string? jurisdictionPath = null) =>
        AppContext(TenantContext.For(tenantId, "test", jurisdictionPath: jurisdictionPath));

    /// <summary>A context on the owner (superuser in tests): bypasses row-level security, not the query filters.</summary>
    public EnrollmentDbContext OwnerContext(TenantContext tenant) =>
        new(DataServiceCollectionExtensions.CreateOptions(Owner), tenant, Hasher);

    public async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var command = Owner.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Owner.DisposeAsync();
        await App.DisposeAsync();
    }
}
