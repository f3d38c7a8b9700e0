using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Quoting;
using Enrollment.Data.Tenancy;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// Re-quotes, one campaign at a time, the unpaid enrollments a saved policy version left with an older quote
/// (<see cref="RequoteQueue"/>). At start-up it looks for such campaigns in every county (a re-quote cut short by a
/// restart, or one asked for just before it), so none stays stale. Each re-quote is one transaction that re-checks
/// "not paid" as it writes (<see cref="QuoteSnapshotRefresh"/>); a failed one is logged and tried again at the next
/// start or the next save.
/// </summary>
internal sealed partial class RequoteWorker(RequoteQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RequoteWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FindStaleAsync(stoppingToken);
        await foreach (var (tenantId, campaignId) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var requoted = await RequoteAsync(tenantId, campaignId, stoppingToken);
                LogDone(log, requoted, tenantId, campaignId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex, tenantId, campaignId);
            }
        }
    }

    private async Task<int> RequoteAsync(int tenantId, long campaignId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, "system:requote");
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        return await StaleQuotes.CatchUpAsync(db, campaignId, clock.Today(), clock.GetUtcNow(), ct);
    }

    private async Task FindStaleAsync(CancellationToken ct)
    {
        try
        {
            List<int> tenants;
            await using (var scope = scopes.CreateAsyncScope())
            {
                tenants = await scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>().Tenants.Select(t => t.Id).ToListAsync(ct);
            }
            foreach (var tenantId in tenants)
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, "system:requote");
                var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
                var open = await db.Campaigns.Where(c => c.Status == CampaignStatus.Open).Select(c => c.Id).ToListAsync(ct);
                foreach (var campaignId in open)
                {
                    if (await StaleQuotes.Of(db, campaignId, await StaleQuotes.CurrentVersionAsync(db, campaignId, ct)).AnyAsync(ct))
                    {
                        queue.Request(tenantId, campaignId);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The database away at start-up: the next save asks again.
            LogScanFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background re-quote: {Requoted} enrollments of tenant {TenantId}, campaign {CampaignId}")]
    private static partial void LogDone(ILogger logger, int requoted, int tenantId, long campaignId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background re-quote failed for tenant {TenantId}, campaign {CampaignId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, int tenantId, long campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for stale quotes at start-up")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
