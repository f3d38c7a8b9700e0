using Npgsql;

namespace Enrollment.Data.Bulk;

/// <summary>
/// A key, index or foreign key detached for a bulk load, as kept in bulk_load_detached. Keys carry their index's
/// definition, so the index is built like any other and the constraint attached to it afterwards.
/// </summary>
internal sealed record DetachedObject(string Table, string Kind, string Name, string Definition, string? IndexDefinition)
{
    public static async Task<List<DetachedObject>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var detached = new List<DetachedObject>();
        await using var read = new NpgsqlCommand(
            "SELECT table_name, kind, name, definition, index_definition FROM bulk_load_detached ORDER BY ordinal", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            detached.Add(new DetachedObject(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return detached;
    }

    /// <summary>
    /// Re-adds a primary key or unique constraint: on its already built index when there is one (a plain
    /// PRIMARY KEY / UNIQUE, which is all USING INDEX accepts), otherwise by its own definition (builds the index).
    /// </summary>
    public string AddKeySql()
    {
        var plain = !Definition.Contains("DEFERRABLE", StringComparison.Ordinal);
        if (IndexDefinition is not null && plain && Definition.StartsWith("PRIMARY KEY", StringComparison.Ordinal))
        {
            return $"ALTER TABLE \"{Table}\" ADD CONSTRAINT \"{Name}\" PRIMARY KEY USING INDEX \"{Name}\"";
        }

        if (IndexDefinition is not null && plain && Definition.StartsWith("UNIQUE", StringComparison.Ordinal))
        {
            return $"ALTER TABLE \"{Table}\" ADD CONSTRAINT \"{Name}\" UNIQUE USING INDEX \"{Name}\"";
        }

        return $"ALTER TABLE \"{Table}\" ADD CONSTRAINT \"{Name}\" {Definition}";
    }
}
