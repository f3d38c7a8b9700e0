using Npgsql;

namespace Enrollment.Data;

/// <summary>How the app reaches the database (see docs/decisions/0004-tenancy-and-keys.md).</summary>
public sealed class EnrollmentDataOptions
{
    /// <summary>The PostgreSQL role the app connects as; it owns nothing, so row-level security applies to it.</summary>
    public const string AppRole = "enrollment_app";

    /// <summary>
    /// The schema owner: runs migrations and bulk loads (COPY). The CLI has it; the web process does not (it runs
    /// only as the app role), so this is null there.
    /// </summary>
    public string? OwnerConnectionString { get; init; }

    /// <summary>
    /// The app role's connection string. When null it is derived from the owner's (CLI and tests only): same host,
    /// port and database, Username=enrollment_app and no password (the throw-away test cluster trusts 127.0.0.1).
    /// </summary>
    public string? AppConnectionString { get; init; }

    /// <summary>Base64 HMAC key (≥ 32 bytes) for the duplicate registry; config <c>Enrollment:IdHashKey</c>.</summary>
    public string? IdHashKey { get; init; }

    /// <summary>How long a database that went away is retried before a request gives up (503).</summary>
    public Resilience.RetrySettings Retry { get; init; } = new();

    public string ResolveAppConnectionString() =>
        AppConnectionString
        ?? (OwnerConnectionString is { } owner ? DeriveAppConnectionString(owner)
            : throw new InvalidOperationException("Neither the app role's nor the owner's connection string is set."));

    public static string DeriveAppConnectionString(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = AppRole, Password = null }.ConnectionString;
}
