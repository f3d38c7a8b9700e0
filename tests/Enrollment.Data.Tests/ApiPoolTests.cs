using Enrollment.Data.Payments;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>
/// The payments API's pool keeps session state between requests (no DISCARD ALL, so the server keeps its plans):
/// what stops a tenant from leaking into the next request is that every request's first batch sets it again.
/// </summary>
public sealed class ApiPoolTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    [Fact]
    public async Task A_reused_connection_still_has_the_last_tenant_but_the_next_requests_authentication_replaces_it()
    {
        var keyA = await KeyAsync(fixture.World.TenantA, revoked: false);
        var revokedA = await KeyAsync(fixture.World.TenantA, revoked: true);
        // One connection in the pool, so the second open gets the first one's session back.
        var api = ApiDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.AppConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        await using (var connection = await api.DataSource.OpenConnectionAsync())
        {
            (await ResidentsSeenAsync(connection, keyA)).ShouldBeGreaterThan(0);
        }
        await using (var connection = await api.DataSource.OpenConnectionAsync())
        {
            // Not reset: the pool's point. Then an unknown and a revoked key see nothing, as on a fresh connection.
            await using (var setting = new NpgsqlCommand("SELECT current_setting('app.tenant_id', true)", connection))
            {
                ((string?)await setting.ExecuteScalarAsync()).ShouldBe(fixture.World.TenantA.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            (await ResidentsSeenAsync(connection, ApiKeySecrets.Hash("enr_unknown"))).ShouldBe(0);
            (await ResidentsSeenAsync(connection, revokedA)).ShouldBe(0);
            (await ResidentsSeenAsync(connection, keyA)).ShouldBeGreaterThan(0);
        }
        await api.DataSource.DisposeAsync();
    }

    private async Task<byte[]> KeyAsync(int tenant, bool revoked)
    {
        var hash = ApiKeySecrets.Hash(ApiKeySecrets.Prefix + Guid.NewGuid().ToString("N"));
        await using var command = fixture.Db.Owner.CreateCommand(
            "INSERT INTO api_keys (tenant_id, name, scopes, secret_hash, created_at, revoked_at) VALUES ($1, 'k', '{payments:write}', $2, now(), $3)");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = revoked ? DateTimeOffset.UtcNow : null, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync();
        return hash;
    }

    // As a request does: the authentication statements, then a tenant statement in the same batch.
    private static async Task<long> ResidentsSeenAsync(NpgsqlConnection connection, byte[] keyHash)
    {
        await using var batch = new NpgsqlBatch(connection);
        ApiConnection.AddAuthentication(batch, keyHash);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM residents"));
        await using var reader = await batch.ExecuteReaderAsync();
        await ApiConnection.ReadCallerAsync(reader, CancellationToken.None);
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}
