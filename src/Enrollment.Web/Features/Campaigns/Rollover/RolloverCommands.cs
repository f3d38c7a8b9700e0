using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Campaigns.Rollover;

/// <summary>The answer to 结转到下一年度: the new draft's code, or why there is none (in Chinese).</summary>
public sealed record RolloverDraftAnswer(string? Code, string? Error)
{
    public bool Created => Code is not null;
}

public enum RolloverStart
{
    /// <summary>Queued; the section follows it.</summary>
    Queued,
    /// <summary>One for this campaign is already queued or running: nothing new was queued.</summary>
    AlreadyRunning,
    /// <summary>No campaign of the year before, or this one is closed or accepted.</summary>
    NotPossible,
    NotFound,
}

/// <summary>
/// 结转 (roll-over) into next year: the next year's draft campaign from this one, and the roster carried over into a
/// campaign from the year before, in the background. Both for the county administrator, in their own county only.
/// </summary>
public sealed class RolloverCommands(UserDbContextFactory contexts, CurrentUser currentUser, RolloverJobs jobs, TimeProvider clock)
{
    public async Task<RolloverDraftAnswer> CreateNextYearAsync(string code, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CampaignPolicyQuery.LoadAsync(db, code, cancellationToken) is not { } current)
        {
            return new RolloverDraftAnswer(null, "找不到该征缴活动。");
        }
        var (created, error) = await RolloverDraft.CreateAsync(db, current, user.Id, clock.GetUtcNow(), cancellationToken);
        return new RolloverDraftAnswer(created, error);
    }

    /// <summary>Queues the roster roll-over into campaign <paramref name="code"/>, acting for this user's county and scope.</summary>
    public async Task<RolloverStart> StartAsync(string code, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var view = await RolloverQueries.ViewAsync(db, code, jobs, cancellationToken);
        if (view is null || db.Tenant.TenantId is not { } tenantId)
        {
            return RolloverStart.NotFound;
        }
        if (!view.CanRollOver || view.Source is not { } source)
        {
            return RolloverStart.NotPossible;
        }
        var job = new RolloverJob(tenantId, db.Tenant.JurisdictionPath, source.Id, view.CampaignId, db.Tenant.Actor, db.Tenant.UserId, clock.GetUtcNow());
        return jobs.TryEnqueue(job) ? RolloverStart.Queued : RolloverStart.AlreadyRunning;
    }
}
