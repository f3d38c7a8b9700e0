using System.CommandLine;
using System.Diagnostics;
using Enrollment.Data.Bulk;
using Enrollment.Data.Registry;
using Npgsql;

namespace Enrollment.Cli.Generate;

/// <summary>What a registry reconciliation did, and how long it took.</summary>
internal sealed record RegistryReport(IdHashRegistryReconciler.Result Result, TimeSpan Elapsed);

/// <summary>
/// The duplicate registry's HMAC key for commands that bulk-load residents (generate, seed --demo). COPY as the
/// owner bypasses the DbContext that registers residents on save, so these commands reconcile id_hash_registry
/// themselves — with the same key as the web app, or its duplicate check (不得重复参保) would miss them.
/// </summary>
internal static class RegistryKey
{
    public const string EnvironmentVariable = "Enrollment__IdHashKey";

    public static Option<string?> CreateOption() => new("--id-hash-key")
    {
        Description = $"Base64 HMAC key of the duplicate registry, the web app's Enrollment:IdHashKey (default: {EnvironmentVariable}).",
    };

    /// <summary>The option, else the environment variable; false with the reason when neither gives a usable key.</summary>
    public static bool TryResolve(string? option, string? environment, out CitizenIdHasher hasher, out string error)
    {
        hasher = CitizenIdHasher.FromBase64(null);
        var text = string.IsNullOrWhiteSpace(option) ? environment : option;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"No duplicate-registry key: pass --id-hash-key or set {EnvironmentVariable} to the web app's " +
                    "Enrollment:IdHashKey (base64 of at least 32 random bytes; deploy/run.sh keeps it in .data/id-hash-key). " +
                    "Bulk-loaded residents must be registered for the duplicate check (不得重复参保).";
            return false;
        }

        try
        {
            hasher = CitizenIdHasher.FromBase64(text);
            error = "";
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            error = $"The duplicate-registry key (--id-hash-key or {EnvironmentVariable}) is not usable: {e.Message}";
            return false;
        }
    }

    public static bool TryResolve(string? option, out CitizenIdHasher hasher, out string error) =>
        TryResolve(option, Environment.GetEnvironmentVariable(EnvironmentVariable), out hasher, out error);

    /// <summary>
    /// Registers every resident of the tenant in id_hash_registry (and drops stale hashes), as the owner. With
    /// <paramref name="offline"/> (a full-size load into a database not in use) the registry's keys are detached
    /// and rebuilt by sort around it, as for the population tables: 1.4 million random inserts into its primary
    /// key took 15 s, the sort takes a few.
    /// </summary>
    public static async Task<RegistryReport> ReconcileAsync(
        string connectionString, CitizenIdHasher hasher, int tenantId, bool offline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string[] registry = ["id_hash_registry"];
        var scope = offline ? await BulkLoadScope.DetachAsync(connectionString, registry, ct) : null;
        await using var owner = NpgsqlDataSource.Create(connectionString);
        var result = await IdHashRegistryReconciler.ReconcileAsync(owner, hasher, tenantId, ct);
        if (scope is not null)
        {
            await scope.RestoreAsync(registry, ct);
        }

        return new RegistryReport(result, clock.Elapsed);
    }
}
