using System.Collections.Concurrent;
using System.Threading.Channels;
using Enrollment.Data.Rollover;

namespace Enrollment.Web.Features.Campaigns.Rollover;

/// <summary>One 结转 of a roster (参保名单) into next year's campaign, as the campaign page follows it.</summary>
public sealed record RolloverJob(
    int TenantId, string? JurisdictionPath, long FromCampaignId, long ToCampaignId, string Actor, long? UserId, DateTimeOffset QueuedAt)
{
    public RolloverJobState State { get; init; } = RolloverJobState.Queued;

    /// <summary>When the worker took it up (the page counts the seconds from here).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public RolloverResult? Result { get; init; }

    /// <summary>A failure that was not a refusal (logged with its correlation to the audit).</summary>
    public string? Failure { get; init; }

    public bool Busy => State is RolloverJobState.Queued or RolloverJobState.Running;
}

public enum RolloverJobState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// Roster roll-overs run in the background (<see cref="RolloverWorker"/>): at county scale one takes about a minute,
/// longer than a page should wait. The latest job per target campaign is kept in memory for the page, and every
/// change of state is announced (<see cref="Changed"/>) to the circuits showing it; the lasting record is the audit
/// entry the roll-over writes. After a restart a job is simply started again (the roll-over is idempotent).
/// </summary>
public sealed class RolloverJobs
{
    private readonly Channel<RolloverJob> queue = Channel.CreateUnbounded<RolloverJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<(int TenantId, long CampaignId), RolloverJob> latest = new();

    /// <summary>A job was queued, started, finished or failed. Raised on the worker's thread: listeners marshal to their own.</summary>
    public event Action<RolloverJob>? Changed;

    public ChannelReader<RolloverJob> Reader => queue.Reader;

    /// <summary>Queues a roll-over unless one for the same campaign is already queued or running.</summary>
    public bool TryEnqueue(RolloverJob job)
    {
        var key = (job.TenantId, job.ToCampaignId);
        var added = false;
        latest.AddOrUpdate(key,
            _ => { added = true; return job; },
            (_, existing) =>
            {
                if (existing.Busy)
                {
                    return existing;
                }
                added = true;
                return job;
            });
        if (!added || !queue.Writer.TryWrite(job))
        {
            return false;
        }
        Changed?.Invoke(job);
        return true;
    }

    public RolloverJob? Latest(int tenantId, long campaignId) => latest.GetValueOrDefault((tenantId, campaignId));

    public void Update(RolloverJob job)
    {
        latest[(job.TenantId, job.ToCampaignId)] = job;
        Changed?.Invoke(job);
    }
}
