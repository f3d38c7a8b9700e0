using Xunit;

namespace Enrollment.Testing;

/// <summary>
/// A class fixture: one fresh migrated database per test class, dropped afterwards.
/// Use as <c>IClassFixture&lt;DatabaseFixture&gt;</c>.
/// </summary>
public class DatabaseFixture : IAsyncLifetime
{
    public string DatabaseName { get; private set; } = "";

    /// <summary>The superuser (schema owner in tests): migrations, seeding, catalog reads.</summary>
    public string ConnectionString => TestPostgres.ConnectionStringFor(DatabaseName);

    /// <summary>The app role, subject to row-level security.</summary>
    public string AppConnectionString => TestPostgres.AppConnectionStringFor(DatabaseName);

    public virtual async Task InitializeAsync()
    {
        DatabaseName = await TestPostgres.CreateDatabaseAsync(GetType().Name);
    }

    public virtual async Task DisposeAsync()
    {
        if (DatabaseName.Length > 0)
        {
            await TestPostgres.DropDatabaseAsync(DatabaseName);
        }
    }
}
