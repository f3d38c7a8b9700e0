using Npgsql;

namespace Enrollment.Web.Features.Progress;

/// <summary>
/// Folds each campaign's progress deltas into their sums per village and payment day every few minutes
/// (<c>progress_compact</c>, docs/data-model.md "Payments and the paid definition"), so reads stay short however many
/// payments arrived. Readers are never wrong meanwhile: a compaction commits whole. A failed run (the database away)
/// is logged and tried again next time.
/// </summary>
internal sealed class ProgressCompaction(NpgsqlDataSource dataSource, ILogger<ProgressCompaction> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>A campaign is compacted once it has more rows than this.</summary>
    public const int Threshold = 20_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT progress_compact($1)");
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Threshold });
                var removed = await command.ExecuteScalarAsync(stoppingToken);
                logger.LogInformation("Progress deltas compacted: {Removed} rows folded", removed);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "Progress compaction failed; trying again in {Interval}", Interval);
            }
        }
    }
}
