using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Enrollment.Data.Tenancy;

/// <summary>
/// Sets <c>app.tenant_id</c> (read by the row-level security policies) on every connection EF opens, from the
/// context's <see cref="TenantContext"/>. Per connection, not per transaction: a transaction-local setting would
/// not reach EF's auto-committed queries (docs/decisions/0004-tenancy-and-keys.md, "Wall 2"). Npgsql resets the
/// session when the connection returns to the pool, so the setting never leaks to the next user; it is still
/// written on every open ('' when there is no tenant), so a reused connection cannot carry a stale tenant.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public static TenantConnectionInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = TenantConnections.CreateSetTenantCommand((NpgsqlConnection)connection, TenantOf(eventData));
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = TenantConnections.CreateSetTenantCommand((NpgsqlConnection)connection, TenantOf(eventData));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string TenantOf(ConnectionEndEventData eventData) =>
        eventData.Context is EnrollmentDbContext context && context.Tenant.TenantId is { } id
            ? id.ToString(CultureInfo.InvariantCulture)
            : "";
}
