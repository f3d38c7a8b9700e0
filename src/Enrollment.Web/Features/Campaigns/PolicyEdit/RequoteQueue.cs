using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>Where a background re-quote of one campaign stands, for the campaign page.</summary>
public sealed record RequoteState(bool Running, DateTimeOffset? StartedAt, int? Requoted, bool Failed);

/// <summary>
/// The campaigns whose unpaid enrollments wait for a re-quote with a newly saved policy version (one app-wide queue,
/// one worker: two re-quotes of a county never run at once). What must be re-quoted is in the data itself (quotes
/// older than the current version, <see cref="Data.Quoting.StaleQuotes"/>), so a lost queue entry is found again by
/// the worker's scan at start-up; the queue only says where to look now.
/// </summary>
public sealed class RequoteQueue
{
    private readonly Channel<(int TenantId, long CampaignId)> queue =
        Channel.CreateUnbounded<(int, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<(int, long), RequoteState> states = new();

    internal ChannelReader<(int TenantId, long CampaignId)> Reader => queue.Reader;

    /// <summary>Asks for the campaign's unpaid enrollments to be brought up to its current version.</summary>
    internal void Request(int tenantId, long campaignId)
    {
        states[(tenantId, campaignId)] = new RequoteState(Running: false, StartedAt: null, Requoted: null, Failed: false);
        queue.Writer.TryWrite((tenantId, campaignId));
    }

    /// <summary>The latest re-quote of the campaign in this process, if any.</summary>
    public RequoteState? StateOf(int tenantId, long campaignId) => states.GetValueOrDefault((tenantId, campaignId));

    internal void Set(int tenantId, long campaignId, RequoteState state) => states[(tenantId, campaignId)] = state;
}

/// <summary>Settings of the re-quote after a policy change (section <c>Enrollment:Requote</c>).</summary>
public sealed class RequoteOptions
{
    public const string Section = "Enrollment:Requote";

    /// <summary>
    /// Up to this many unpaid enrollments are re-quoted inside the save (about 2 s at this size); more are left to
    /// the background worker so the save answers at once.
    /// </summary>
    public int InlineLimit { get; set; } = 20_000;
}
