using Npgsql;

namespace Enrollment.Cli.Seed;

/// <summary>Small positional-parameter helpers for the seeders' idempotent statements.</summary>
internal static class Sql
{
    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = Create(connection, sql, values);
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = Create(connection, sql, values);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Create(NpgsqlConnection connection, string sql, object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
