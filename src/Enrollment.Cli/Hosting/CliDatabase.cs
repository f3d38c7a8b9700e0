using System.CommandLine;

namespace Enrollment.Cli.Hosting;

/// <summary>The --connection option every database command shares, with the same fallbacks as the web app.</summary>
internal static class CliDatabase
{
    public static Option<string?> ConnectionOption() => new("--connection")
    {
        Description = "PostgreSQL connection string (default: ConnectionStrings__Enrollment or ENROLLMENT_DB).",
    };

    public static string Resolve(string? option) =>
        option
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__Enrollment")
        ?? Environment.GetEnvironmentVariable("ENROLLMENT_DB")
        ?? throw new InvalidOperationException(
            "No database: pass --connection, or set ConnectionStrings__Enrollment or ENROLLMENT_DB.");
}
