using Enrollment.Testing;
using Enrollment.Web.Features.Campaigns.Rollover;
using Npgsql;

namespace Enrollment.Adversarial;

/// <summary>
/// Whether anything was written between two looks: every table of the database by its row count and newest row
/// version (xmin: an insert or an update makes a newer one, a delete lowers the count; the audit tables grow with any
/// change through the context), and the app's in-memory roll-over queue by the changes it announced.
/// </summary>
public sealed class WriteWatch : IDisposable
{
    private readonly string connectionString;
    private readonly RolloverJobs jobs;
    private string? sql;
    private int jobChanges;

    public WriteWatch(string databaseName, RolloverJobs jobs)
    {
        connectionString = TestPostgres.ConnectionStringFor(databaseName);
        this.jobs = jobs;
        jobs.Changed += OnJobChanged;
    }

    /// <summary>The state of every table and the job queue, as one comparable line per table.</summary>
    public async Task<IReadOnlyList<string>> LookAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        sql ??= await BuildAsync(connection);
        var lines = new List<string>();
        await using (var command = new NpgsqlCommand(sql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        lines.Add($"rollover jobs: {Volatile.Read(ref jobChanges)} changes");
        return lines;
    }

    /// <summary>What changed between two looks, one line per table ("" when nothing did).</summary>
    public static string Difference(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        string.Join("; ", after.Except(before, StringComparer.Ordinal).Select(line =>
            $"{line} (was {before.FirstOrDefault(b => b.Split(':')[0] == line.Split(':')[0]) ?? "absent"})"));

    private static async Task<string> BuildAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        // A registration check writes its audit row whatever it answers (who looked up which number is the point of
        // it), so a refused registration still leaves one: those rows are not a write the refusal should have stopped.
        return string.Join("\nUNION ALL ", tables.Select(t =>
            $"SELECT '{t}: ' || count(*) || ' rows, newest ' || coalesce(max(xmin::text::bigint), 0) FROM {t}"
            + (t == "audit_log" ? " WHERE action <> 'lookup'" : "")));
    }

    private void OnJobChanged(RolloverJob job) => Interlocked.Increment(ref jobChanges);

    public void Dispose() => jobs.Changed -= OnJobChanged;
}
