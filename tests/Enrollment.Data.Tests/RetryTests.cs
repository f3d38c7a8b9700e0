using Enrollment.Data.Resilience;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>
/// When the database goes away for a moment (a restart): a read in a transaction of its own waits and succeeds; a
/// statement inside a transaction the code opened is not retried alone and fails, leaving nothing half done.
/// </summary>
public sealed class RetryTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private static readonly RetrySettings Quick = new() { MaxRetryCount = 6, MaxRetryDelay = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task A_read_outside_a_transaction_survives_a_short_outage()
    {
        await using var forwarder = new TcpForwarder(new NpgsqlConnectionStringBuilder(fixture.AppConnectionString).Port);
        await using var db = Context(forwarder);
        (await db.Residents.CountAsync()).ShouldBeGreaterThan(0);

        forwarder.Down = true;
        var read = db.Residents.CountAsync();
        await Task.Delay(1500);
        forwarder.Down = false;

        (await read).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_statement_inside_an_opened_transaction_is_not_retried_alone()
    {
        await using var forwarder = new TcpForwarder(new NpgsqlConnectionStringBuilder(fixture.AppConnectionString).Port);
        await using var db = Context(forwarder);
        await using var transaction = await db.Database.BeginTransactionAsync();
        (await db.Residents.CountAsync()).ShouldBeGreaterThan(0);

        forwarder.Down = true;
        var error = await Should.ThrowAsync<Exception>(() => db.Residents.CountAsync());

        RetrySettings.IsUnavailable(error).ShouldBeTrue(error.ToString());
        forwarder.Down = false;
    }

    private EnrollmentDbContext Context(TcpForwarder forwarder)
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.AppConnectionString) { Port = forwarder.Port, Pooling = false, Timeout = 2 };
        var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        var options = new DbContextOptionsBuilder<EnrollmentDbContext>();
        DataServiceCollectionExtensions.Configure(options, dataSource, new Auditing.AuditInterceptor(TimeProvider.System), Quick);
        return new EnrollmentDbContext(options.Options, TenantContext.For(fixture.World.TenantA, "test"), TestDb.Hasher);
    }
}
