using System.Collections.Concurrent;
using System.Diagnostics;
using Enrollment.Cli.Seed;
using Enrollment.Data.Bulk;
using Npgsql;

namespace Enrollment.Cli.Generate;

/// <summary>Row counts and time of one load.</summary>
internal sealed record LoadReport(IReadOnlyDictionary<string, long> Rows, TimeSpan Elapsed)
{
    /// <summary>Elapsed time at the end of each phase.</summary>
    public IReadOnlyList<(string Phase, TimeSpan At)> Phases { get; init; } = [];
}

/// <summary>
/// Writes a generated population with binary COPY as the schema owner (row-level security does not apply to it).
/// Fast mode (large loads): detach foreign keys and secondary indexes, COPY every table at once on its own
/// connection from one generator pass (batches broadcast to the writers), then rebuild. Safe mode (small loads
/// into a live database): keys stay, tables are written in dependency order, heads linked afterwards.
/// </summary>
internal static class PopulationLoader
{
    public static async Task<LoadReport> LoadAsync(
        string connectionString, PopulationGenerator generator, TenantIds ids, string campaignCode, bool fast, CancellationToken ct,
        bool priorPayments = true)
    {
        var clock = Stopwatch.StartNew();
        var phases = new List<(string, TimeSpan)>();
        var layout = generator.Layout;
        var bases = new Dictionary<string, long>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            foreach (var table in PopulationTables.Names)
            {
                bases[table] = await IdentityRange.MaxIdAsync(connection, table, ct);
            }
        }

        var priorCode = PriorYearPolicy.CodeFor(campaignCode);
        var context = new LoadContext
        {
            TenantId = ids.TenantId,
            Ids = ids,
            Residents = generator.Settings.Residents,
            CurrentCampaignId = ids.CampaignIds[campaignCode],
            PriorCampaignId = generator.PriorPolicy is null ? null : ids.CampaignIds.GetValueOrDefault(priorCode),
            VillageAddresses = [.. layout.Villages.Select(v => layout.Townships[v.TownshipIndex].Name + v.Name)],
            RegisteredOn = generator.Calendar.First,
            PriorRegisteredOn = generator.PriorCalendar?.First ?? generator.Calendar.First,
            Bases = bases,
            HeadsInline = fast,
            PriorPayments = priorPayments,
        };

        var rows = new ConcurrentDictionary<string, long>();
        // The progress trigger reads residents that a parallel COPY has not committed yet: off for the load, and the
        // tenant's rollup recomputed from the loaded enrollments afterwards (the same deltas the trigger would write).
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await Sql.ExecuteAsync(connection, "ALTER TABLE enrollments DISABLE TRIGGER enrollments_progress_insert", ct);
        }
        try
        {
            if (fast)
            {
                var scope = await BulkLoadScope.DetachAsync(connectionString, PopulationTables.Names, ct);
                await CopyInParallelAsync(connectionString, generator, context, rows, ct);
                phases.Add(("copy", clock.Elapsed));
                await scope.RestoreAsync(PopulationTables.Names, ct);
                phases.Add(("rebuild keys and indexes", clock.Elapsed));
            }
            else
            {
                var batches = PopulationBatch.From(generator).ToList();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                foreach (var table in PopulationTables.Names)
                {
                    rows[table] = PopulationTables.Write(table, connection, context, batches);
                }

                await Sql.ExecuteAsync(connection, """
                    UPDATE households h SET head_resident_id = r.id
                    FROM residents r
                    WHERE h.tenant_id = $1 AND h.head_resident_id IS NULL AND h.id > $2
                      AND r.tenant_id = h.tenant_id AND r.household_id = h.id AND r.relation_to_head = 'self'
                    """, ct, ids.TenantId, bases["households"]);
            }

            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                foreach (var table in PopulationTables.Names)
                {
                    await IdentityRange.AdvanceAsync(connection, table, ct);
                }
                await Sql.ExecuteAsync(connection, "ALTER TABLE enrollments ENABLE TRIGGER enrollments_progress_insert", ct);
                await Sql.ExecuteAsync(connection, "SELECT progress_rebuild($1)", ct, ids.TenantId);
                phases.Add(("progress rollup", clock.Elapsed));
            }
        }
        catch
        {
            // A failed load must not leave registrations without their progress deltas.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(CancellationToken.None);
            await Sql.ExecuteAsync(connection, "ALTER TABLE enrollments ENABLE TRIGGER enrollments_progress_insert", CancellationToken.None);
            throw;
        }

        return new LoadReport(new SortedDictionary<string, long>(rows), clock.Elapsed) { Phases = phases };
    }

    // One generator pass; each batch goes to every table's writer, each writer COPYs on its own connection.
    private static async Task CopyInParallelAsync(
        string connectionString, PopulationGenerator generator, LoadContext context, ConcurrentDictionary<string, long> rows, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queues = PopulationTables.Names.ToDictionary(t => t, _ => new BlockingCollection<PopulationBatch>(boundedCapacity: 6));
        var writers = PopulationTables.Names.Select(table => Task.Factory.StartNew(() =>
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                rows[table] = PopulationTables.Write(table, connection, context, queues[table].GetConsumingEnumerable(failed.Token));
            }
            catch
            {
                failed.Cancel();
                throw;
            }
        }, failed.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in PopulationBatch.From(generator))
                {
                    foreach (var queue in queues.Values)
                    {
                        queue.Add(batch, failed.Token);
                    }
                }
            }
            finally
            {
                foreach (var queue in queues.Values)
                {
                    queue.CompleteAdding();
                }
            }
        }, failed.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await Task.WhenAll([producer, .. writers]);
    }
}
