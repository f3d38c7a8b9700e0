using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Status;

/// <summary>The answer to a status change: done, or why not (in Chinese).</summary>
public sealed record CampaignStatusAnswer(bool Moved, string Message);

/// <summary>
/// A campaign's life: 草稿 → 征缴中 (开始征缴) → 已结束 (结束征缴) → 已验收 (验收), one step at a time, forward only,
/// by the county administrator. Opening needs a policy that passes its checks and no other open campaign of the same
/// policy year over the same area (the county, or one of its townships), since clerks register and collect into the
/// open campaign of their area.
/// </summary>
public sealed class CampaignStatusCommands(UserDbContextFactory contexts, CurrentUser currentUser)
{
    /// <summary>The step the page offers for <paramref name="status"/>, or null when there is none.</summary>
    public static CampaignStatus? NextOf(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => CampaignStatus.Open,
        CampaignStatus.Open => CampaignStatus.Closed,
        CampaignStatus.Closed => CampaignStatus.Accepted,
        CampaignStatus.Accepted => null,
    };

    /// <summary>
    /// Moves campaign <paramref name="code"/> from <paramref name="seen"/> (the status the user was shown) one step on
    /// to <paramref name="next"/>. Someone else's change in between refuses it rather than skipping a step.
    /// </summary>
    public async Task<CampaignStatusAnswer> MoveAsync(string code, CampaignStatus seen, CampaignStatus next, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        if (!Enum.IsDefined(seen) || !Enum.IsDefined(next) || NextOf(seen) != next)
        {
            return new(false, "不能这样更改征缴活动的状态。");
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CampaignPolicyQuery.LoadAsync(db, code, cancellationToken) is not { } current)
        {
            return new(false, "找不到该征缴活动。");
        }
        var campaign = current.Campaign;
        if (campaign.Status != seen)
        {
            return new(false, $"该征缴活动的状态刚被他人改为“{CampaignPolicyQuery.StatusText(campaign.Status)}”，请刷新页面后再操作。");
        }
        if (next == CampaignStatus.Open && await OpeningRefusalAsync(db, current, cancellationToken) is { } refusal)
        {
            return new(false, refusal);
        }
        campaign.MoveTo(next);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, "该征缴活动刚被他人修改，请刷新页面后再操作。");
        }
        return new(true, next switch
        {
            CampaignStatus.Open => "已开始征缴。",
            CampaignStatus.Closed => "已结束征缴，政策不能再修改。",
            CampaignStatus.Accepted => "已验收。",
            CampaignStatus.Draft => throw new InvalidOperationException("A campaign never goes back to draft."),
        });
    }

    private static async Task<string?> OpeningRefusalAsync(Data.EnrollmentDbContext db, CampaignPolicy current, CancellationToken cancellationToken)
    {
        if (current.Loaded.Policy is null)
        {
            return "政策校验未通过，请先在“修改政策”中改正错误后再开始征缴。";
        }
        var campaign = current.Campaign;
        // Areas overlap when either campaign covers the whole county or both cover the same township.
        var other = await db.Campaigns.AsNoTracking()
            .Where(c => c.Id != campaign.Id && c.Status == CampaignStatus.Open && c.PolicyYear == campaign.PolicyYear
                && (c.JurisdictionId == null || campaign.JurisdictionId == null || c.JurisdictionId == campaign.JurisdictionId))
            .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        return other is null ? null : $"同一年度、同一范围已有正在征缴的活动“{other}”，请先结束该活动。";
    }
}
