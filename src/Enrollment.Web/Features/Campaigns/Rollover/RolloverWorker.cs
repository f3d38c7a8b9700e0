using Enrollment.Data;
using Enrollment.Data.Rollover;
using Enrollment.Data.Tenancy;

namespace Enrollment.Web.Features.Campaigns.Rollover;

/// <summary>Runs queued roster roll-overs one at a time, each in its own scope acting for the tenant, scope and user who asked.</summary>
internal sealed partial class RolloverWorker(RolloverJobs jobs, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RolloverWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            var running = job with { State = RolloverJobState.Running, StartedAt = clock.GetUtcNow() };
            jobs.Update(running);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(job.TenantId, job.Actor, job.UserId, job.JurisdictionPath);
                var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
                var result = await EnrollmentRollover.RollOverAsync(db, job.FromCampaignId, job.ToCampaignId, job.UserId, clock.GetUtcNow(), stoppingToken);
                jobs.Update(running with { State = RolloverJobState.Done, Result = result });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex, job.TenantId, job.ToCampaignId);
                jobs.Update(running with { State = RolloverJobState.Failed, Failure = "结转参保名单时出错，未写入任何记录，请稍后重试；如问题持续请联系管理员。" });
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Roster roll-over failed for tenant {TenantId}, campaign {CampaignId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, int tenantId, long campaignId);
}
