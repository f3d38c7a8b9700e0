using Enrollment.Testing;

namespace Enrollment.Data.Tests;

/// <summary>A fresh migrated database per test class, seeded with <see cref="World"/>.</summary>
public sealed class WorldFixture : DatabaseFixture
{
    public TestDb Db { get; private set; } = null!;

    public World World { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Db = new TestDb(ConnectionString, AppConnectionString);
        World = await World.SeedAsync(Db);
    }

    public override async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await base.DisposeAsync();
    }
}
