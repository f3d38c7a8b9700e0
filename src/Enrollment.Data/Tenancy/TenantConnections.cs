using System.Globalization;
using Npgsql;

namespace Enrollment.Data.Tenancy;

/// <summary>
/// Raw connections for Dapper or Npgsql code on the app role: open one through here so row-level security sees
/// the tenant, exactly as EF's connections do.
/// </summary>
public static class TenantConnections
{
    /// <summary>Opens a connection from <paramref name="dataSource"/> with app.tenant_id set for its lifetime.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(
        NpgsqlDataSource dataSource, TenantContext tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(tenant);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var id = tenant.TenantId?.ToString(CultureInfo.InvariantCulture) ?? "";
            await using var command = CreateSetTenantCommand(connection, id);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static NpgsqlCommand CreateSetTenantCommand(NpgsqlConnection connection, string tenantId)
    {
        var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        return command;
    }
}
