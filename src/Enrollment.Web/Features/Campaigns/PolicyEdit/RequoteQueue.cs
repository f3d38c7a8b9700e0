using System.Threading.Channels;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// The campaigns whose unpaid enrollments wait for a re-quote with a newly saved policy version (one app-wide queue,
/// one worker: two re-quotes of a county never run at once). What must be re-quoted is in the data itself (quotes
/// older than the current version, <see cref="Data.Quoting.StaleQuotes"/>), so a lost queue entry is found again by
/// the worker's scan at start-up; the queue only says where to look now. The campaign page shows
/// the progress from the data too (how many are still stale).
/// </summary>
public sealed class RequoteQueue
{
    private readonly Channel<(int TenantId, long CampaignId)> queue =
        Channel.CreateUnbounded<(int, long)>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<(int TenantId, long CampaignId)> Reader => queue.Reader;

    /// <summary>Asks for the campaign's unpaid enrollments to be brought up to its current version.</summary>
    internal void Request(int tenantId, long campaignId) => queue.Writer.TryWrite((tenantId, campaignId));
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
