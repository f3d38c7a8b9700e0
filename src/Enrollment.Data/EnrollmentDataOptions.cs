using Npgsql;

namespace Enrollment.Data;

/// <summary>How the app reaches the database (see docs/decisions/0004-tenancy-and-keys.md).</summary>
public sealed class EnrollmentDataOptions
{
    /// <summary>The PostgreSQL role the app connects as; it owns nothing, so row-level security applies to it.</summary>
    public const string AppRole = "enrollment_app";

    /// <summary>The schema owner: runs migrations and bulk loads (COPY). Never used for request handling.</summary>
    public required string OwnerConnectionString { get; init; }

    /// <summary>
    /// The app role's connection string. When null it is derived from the owner's: same host, port and database,
    /// Username=enrollment_app and no password (development clusters trust 127.0.0.1).
    /// </summary>
    public string? AppConnectionString { get; init; }

    /// <summary>Base64 HMAC key (≥ 32 bytes) for the duplicate registry; config <c>Enrollment:IdHashKey</c>.</summary>
    public string? IdHashKey { get; init; }

    /// <summary>How long a database that went away is retried before a request gives up (503).</summary>
    public Resilience.RetrySettings Retry { get; init; } = new();

    public string ResolveAppConnectionString() =>
        AppConnectionString ?? DeriveAppConnectionString(OwnerConnectionString);

    public static string DeriveAppConnectionString(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = AppRole, Password = null }.ConnectionString;
}
