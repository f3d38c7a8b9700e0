using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Features.Registration;

/// <summary>How many 身份证号码 lookups one user may make: a burst, then a steady rate (<c>Enrollment:IdLookup</c>).</summary>
public sealed class IdLookupOptions
{
    public const string Section = "Enrollment:IdLookup";

    /// <summary>Lookups allowed at once (a household typed in quickly).</summary>
    public int Burst { get; set; } = 30;

    /// <summary>Lookups per minute once the burst is spent: faster than anyone registers people by hand.</summary>
    public int PerMinute { get; set; } = 20;
}

/// <summary>
/// A per-user token bucket over the lookups that tell where a number is registered. The check answers whether a
/// number exists in this county or another, which makes it an oracle for enumerating numbers; a person typing never
/// comes near the limit, a script is slowed to <see cref="IdLookupOptions.PerMinute"/> and every lookup is audited.
/// It lives in the service, not in HTTP middleware: inside a circuit there is no request per lookup. One process
/// holds the buckets (the app runs as one process; a restart forgets them, which the audit log does not).
/// </summary>
public sealed class IdLookupLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<long> limiter;

    public IdLookupLimiter(IOptions<IdLookupOptions> options)
    {
        var settings = options.Value;
        if (settings.Burst < 1 || settings.PerMinute < 1)
        {
            throw new InvalidOperationException($"{IdLookupOptions.Section}: Burst and PerMinute must be at least 1.");
        }
        var period = TimeSpan.FromMinutes(1) / settings.PerMinute;
        limiter = PartitionedRateLimiter.Create<long, long>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = period,
                AutoReplenishment = true,
                QueueLimit = 0,
            }));
    }

    /// <summary>Takes one lookup from the user's bucket; false when it is empty.</summary>
    public bool TryTake(long userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
