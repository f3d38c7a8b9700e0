using Enrollment.Data;
using Enrollment.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Enrollment.Testing;

/// <summary>
/// The real PostgreSQL the test command starts (deploy/test.sh exports ENROLLMENT_TEST_PG, a superuser
/// connection string without a database). A migrated template database is built once per test run and
/// every test class copies it (CREATE DATABASE … TEMPLATE), which takes a fraction of a second.
/// </summary>
public static class TestPostgres
{
    public const string TemplateDatabase = "enrollment_template";

    /// <summary>Key for the cross-process advisory lock that serialises template creation.</summary>
    private const long TemplateLockKey = 0x54504C54;

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static bool templateReady;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ENROLLMENT_TEST_PG")
        ?? throw new InvalidOperationException(
            "ENROLLMENT_TEST_PG is not set. Run the tests with deploy/test.sh, which starts a private PostgreSQL, " +
            "or set it to a superuser connection string such as 'Host=127.0.0.1;Port=55432;Username=postgres'.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// The same database as the app role (enrollment_app, created by the migrations): owns nothing, so row-level
    /// security applies. The test cluster trusts 127.0.0.1, so no password.
    /// </summary>
    public static string AppConnectionStringFor(string database) =>
        EnrollmentDataOptions.DeriveAppConnectionString(ConnectionStringFor(database));

    /// <summary>Creates a fresh, migrated database for one test class and returns its name.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        await EnsureTemplateAsync();
        var name = UniqueName(prefix);
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateDatabase}");
        return name;
    }

    /// <summary>Creates an empty database (no migrations), for tests of the migrator itself.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string prefix)
    {
        var name = UniqueName(prefix);
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"");
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (templateReady)
            {
                return;
            }

            // Test projects run as separate processes: the advisory lock makes one of them build the template
            // and the others wait. The template is rebuilt when the set of migrations changed.
            await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({TemplateLockKey})");
            try
            {
                var fingerprint = string.Join(",", SqlMigrator.EmbeddedMigrations.Select(m => m.Checksum[..12]));
                await using var read = new NpgsqlCommand(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", connection);
                read.Parameters.Add(new NpgsqlParameter { Value = TemplateDatabase });
                var existing = await read.ExecuteScalarAsync() as string;
                if (existing != fingerprint)
                {
                    await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {TemplateDatabase} WITH (FORCE)");
                    await ExecuteAsync(connection, $"CREATE DATABASE {TemplateDatabase}");
                    await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(ConnectionStringFor(TemplateDatabase));
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(connection, $"COMMENT ON DATABASE {TemplateDatabase} IS '{fingerprint}'");
                }
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({TemplateLockKey})");
            }
            templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    /// <summary>A database name under PostgreSQL's 63-byte limit: the class name, then a GUID.</summary>
    private static string UniqueName(string prefix)
    {
        var readable = Sanitize(prefix);
        return $"{readable[..Math.Min(readable.Length, 28)]}_{Guid.NewGuid():N}";
    }

    private static string Sanitize(string prefix)
    {
        var chars = prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').ToArray();
        return "t_" + new string(chars.Length > 0 ? chars : ['x']);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync();
    }
}
