using Enrollment.Data;
using Enrollment.Data.Tenancy;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Enrollment.Web.Features.Progress;

/// <summary>A progress figure and when it was counted (the pages say 统计于 HH:mm).</summary>
public sealed record Counted<T>(T Value, DateTimeOffset At);

/// <summary>
/// Progress figures, shared for a minute per tenant, scope, campaign and day. The paid counts now read the rolled-up
/// progress deltas (cheap, and exact as of the read: the API's progress answers uncached); the subsidy sums still join
/// the campaign's enrollments (about 3 s at 滕州's scale, docs/performance.md "Home pages"), which is what the minute
/// saves. One load per key at a time (concurrent callers await the same task), on its own context, so no request's
/// lifetime or cancellation decides the shared result. Scoped only for its context options; the cache itself is the app's.
/// </summary>
public sealed class ProgressCache(IMemoryCache cache, DbContextOptions<EnrollmentDbContext> options, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    public Task<Counted<T>> GetAsync<T>(string kind, TenantContext scope, long campaignId, Func<EnrollmentDbContext, Task<T>> load)
    {
        if (scope.TenantId is not { } tenantId)
        {
            throw new InvalidOperationException("Progress is counted for a tenant.");
        }
        var key = (kind, tenantId, scope.JurisdictionPath, campaignId, clock.Today());
        var shared = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Freshness;
            return new Lazy<Task<Counted<T>>>(() => LoadAsync(TenantContext.For(tenantId, "progress", null, scope.JurisdictionPath), load));
        })!;
        var task = shared.Value;
        // A failed count is not kept: the next request tries again.
        _ = task.ContinueWith(t => cache.Remove(key), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }

    private async Task<Counted<T>> LoadAsync<T>(TenantContext tenant, Func<EnrollmentDbContext, Task<T>> load)
    {
        var at = clock.GetUtcNow();
        await using var db = new EnrollmentDbContext(options, tenant);
        return new Counted<T>(await load(db), at);
    }
}
