using Npgsql;

namespace Enrollment.Data.Bulk;

/// <summary>
/// Runs rebuild jobs on a few owner sessions at once, in the order given (callers put the biggest first, so the
/// longest job does not start last).
/// </summary>
internal static class RestoreSessions
{
    /// <summary>
    /// Three sessions: on a 2-core machine one more than the cores keeps both busy while a job writes its
    /// index out; PostgreSQL's own parallel workers are turned off, they would only compete with these.
    /// </summary>
    private const int Sessions = 3;

    public static async Task RunAsync<T>(
        string connectionString, IReadOnlyList<T> jobs, Func<NpgsqlConnection, T, CancellationToken, Task> run,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(Sessions, jobs.Count)).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            // JIT compiles each validation join for a few hundred ms and gains nothing on a single scan.
            await BulkLoadScope.ExecuteAsync(connection, """
                SET maintenance_work_mem = '256MB';
                SET work_mem = '256MB';
                SET max_parallel_maintenance_workers = 0;
                SET max_parallel_workers_per_gather = 0;
                SET jit = off
                """, cancellationToken);
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs.Count)
            {
                await run(connection, jobs[index], cancellationToken);
            }
        });
        await Task.WhenAll(workers);
    }
}
