using Npgsql;

namespace Enrollment.Data.Bulk;

/// <summary>
/// Bulk loads write their own ids (so rows can reference each other without a round trip). Ids are unique per
/// table across tenants, as the identity columns make them: a load starts above the current maximum and
/// moves the identity sequence past what it wrote.
/// </summary>
public static class IdentityRange
{
    /// <summary>The largest id in the table (0 when empty); a load uses ids above it.</summary>
    public static async Task<long> MaxIdAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand($"SELECT COALESCE(max(id), 0) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Moves the table's identity sequence past its largest id, so the app's next insert does not collide.</summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), GREATEST((SELECT max(id) FROM \"{table}\"), 1))", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
