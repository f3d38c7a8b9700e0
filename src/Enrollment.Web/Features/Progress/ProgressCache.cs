using Enrollment.Data;
using Enrollment.Data.Tenancy;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Enrollment.Web.Features.Progress;

/// <summary>A progress figure and when it was counted (the pages say 统计于 HH:mm).</summary>
public sealed record Counted<T>(T Value, DateTimeOffset At);

/// <summary>
/// Progress counts, shared for a minute per tenant, scope, campaign and day. At 滕州's scale the county count takes
/// about 3 s (docs/performance.md, "Home pages") and county staff open the page all day; a figure a minute old is
/// what a campaign office works with. One load per key at a time (concurrent callers await the same task), on its
/// own context, so no request's lifetime or cancellation decides the shared result. A rolled-up table, kept with
/// the payments when the app records them, is the lasting answer (see the same section). Scoped only for its
/// context options; the cache itself is the app's.
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
