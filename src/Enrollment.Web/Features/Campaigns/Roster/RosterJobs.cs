using System.Collections.Concurrent;
using System.Threading.Channels;
using Enrollment.Data.Rollover;

namespace Enrollment.Web.Features.Campaigns.Roster;

/// <summary>One roll-over of a roster (参保名单) into next year's campaign, as the campaign page shows it.</summary>
public sealed record RosterJob(
    int TenantId, string? JurisdictionPath, long FromCampaignId, long ToCampaignId, string Actor, long? UserId, DateTimeOffset QueuedAt)
{
    public RosterJobState State { get; init; } = RosterJobState.Queued;

    public RolloverResult? Result { get; init; }

    /// <summary>A failure that was not a refusal (logged with its correlation to the audit).</summary>
    public string? Failure { get; init; }
}

public enum RosterJobState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// Roll-overs run in the background (RosterWorker): at county scale one takes about a minute, longer than a page
/// should wait. The latest job per target campaign is kept in memory for the page; the lasting record is the
/// audit entry the roll-over writes. After a restart a job is simply started again (the roll-over is idempotent).
/// </summary>
internal sealed class RosterJobs
{
    private readonly Channel<RosterJob> queue = Channel.CreateUnbounded<RosterJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<(int TenantId, long CampaignId), RosterJob> latest = new();

    public ChannelReader<RosterJob> Reader => queue.Reader;

    /// <summary>Queues a roll-over unless one for the same campaign is already queued or running.</summary>
    public bool TryEnqueue(RosterJob job)
    {
        var key = (job.TenantId, job.ToCampaignId);
        var added = false;
        latest.AddOrUpdate(key,
            _ => { added = true; return job; },
            (_, existing) =>
            {
                if (existing.State is RosterJobState.Queued or RosterJobState.Running)
                {
                    return existing;
                }
                added = true;
                return job;
            });
        return added && queue.Writer.TryWrite(job);
    }

    public RosterJob? Latest(int tenantId, long campaignId) => latest.GetValueOrDefault((tenantId, campaignId));

    public void Update(RosterJob job) => latest[(job.TenantId, job.ToCampaignId)] = job;
}
