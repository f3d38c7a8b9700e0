using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Enrollment.Data.Migrations;

/// <summary>
/// Applies the versioned SQL files embedded in this assembly (Migrations/NNNN_name.sql), in order.
/// The SQL files are the schema's single source (no EF migrations: the design package is not served here).
/// One transaction per file; a session advisory lock keeps two migrators (two app instances, a test run and
/// the CLI) from racing; <c>schema_migrations</c> records what ran, with a checksum so an edited file is caught.
/// The checksum covers the SQL, not its comments: whole-line <c>--</c> comments and blank lines are left out, so a
/// comment may be corrected in an applied file, and any change to a statement is still refused.
/// </summary>
public sealed class SqlMigrator(ILogger<SqlMigrator> logger)
{
    /// <summary>Arbitrary but fixed key for pg_advisory_lock: "ENRL" in ASCII.</summary>
    private const long AdvisoryLockKey = 0x454E524C;

    public static IReadOnlyList<SqlMigration> EmbeddedMigrations { get; } = LoadEmbedded();

    /// <summary>Applies every pending migration; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<SqlMigration>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<SqlMigration>();
            foreach (var migration in EmbeddedMigrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum && LegacyChecksums.GetValueOrDefault(migration.Version) == checksum)
                    {
                        // Recorded before checksums left comments out: the file as it was applied then.
                        await RecordChecksumAsync(connection, migration, cancellationToken);
                        continue;
                    }
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied " +
                            "(checksum differs). Add a new migration instead of editing an applied one.");
                    }
                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken);
                logger.LogInformation("Applied migration {Version:D4}_{Name}", migration.Version, migration.Name);
                done.Add(migration);
            }
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Checksums of the whole files (comments included) as databases recorded them before the checksum left comments
    /// out. A database holding one of these gets the new checksum written once; no other old value is accepted.
    /// </summary>
    private static readonly Dictionary<int, string> LegacyChecksums = new()
    {
        [1] = "00169A0EE8911EC76979AF17C917466DE7C7312C2A4C19EFD2F7E596F7ABC3F3",
        [2] = "7E4AB55BB355CC8113982549D1A1B2971E500FC3DF7AF83489E7E633C6677A22",
        [3] = "DC76A563CE26AA2535DB92018A5AADDC7392D95B687E0FF21C051885B583C129",
        [4] = "2614450B24A27201C466DE8B7E5DB2C53D61785C4EF204D2F757CCA497EE25FB",
        [5] = "D13FA4CDA949771F6A1384C0C448C0B52EC7B2C38B5E46A6D49C0DDE905156CC",
        [6] = "836C63434B1E32F6753FD0EEEF3659F8EB156EE5B1330D6ED5A009CB518F4CA2",
        [7] = "EEC316BFAEA0766F77E37A860C053D2B351E24C7498E80540D3DDB16BCCB637F",
        [8] = "CA46161A21A30072BBA12B67313A6A9BBA1E5C8E5C4187B8E0999C7AFB2AA949",
        [9] = "A1CD117D1840A2B36921E980F85735687A08421F6F988AAE84650D53475FF0FA",
        [10] = "705BEA53A5BB32EB8C049962570A603F2655EAB8409667C4EC3F2EEE3E7F238C",
        [11] = "B3BB6662CB785D6365FA6F1C99672BE41604A3D19333DA12FCB01105C072E769",
        [12] = "961A8B6EB7147EDBF00B61403846819F5A92EA5CEDF35896B269738890DF5161",
        [13] = "B06E2CBDEC4DD1C008F310091C358D74D6D7B9A583CAEC94D21364014DA589C4",
    };

    private static async Task RecordChecksumAsync(NpgsqlConnection connection, SqlMigration migration, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE schema_migrations SET checksum = $2 WHERE version = $1", connection);
        update.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
        update.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The SHA-256 of the statements: whole-line comments, blank lines and trailing blanks do not count.</summary>
    public static string ChecksumOf(string sql)
    {
        var statements = sql.ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', statements))));
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, SqlMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SqlMigration> LoadEmbedded()
    {
        const string prefix = "Enrollment.Data.Migrations.";
        var assembly = typeof(SqlMigrator).Assembly;
        var migrations = new List<SqlMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[prefix.Length..^".sql".Length];
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(fileName[..underscore], out var version))
            {
                throw new InvalidOperationException($"Migration file '{fileName}.sql' must be named NNNN_description.sql.");
            }

            var sql = ReadResource(assembly, resource);
            var checksum = ChecksumOf(sql);
            migrations.Add(new SqlMigration(version, fileName[(underscore + 1)..], sql, checksum));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migration files share version {migrations[i].Version:D4}.");
            }
        }
        return migrations;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>One versioned SQL file.</summary>
public sealed record SqlMigration(int Version, string Name, string Sql, string Checksum);
