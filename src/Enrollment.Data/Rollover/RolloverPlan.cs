using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Rollover;

/// <summary>
/// The checks before a roll-over and what they settle: both campaigns (found through the tenant filter, so
/// never another tenant's), and the area as a path pattern, or a refusal in Chinese.
/// </summary>
internal sealed record RolloverPlan(Campaign From, Campaign To, string? PathPattern, string? Error)
{
    public static async Task<RolloverPlan> CheckAsync(EnrollmentDbContext db, long fromCampaignId, long toCampaignId, CancellationToken ct)
    {
        var from = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == fromCampaignId, ct);
        var to = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == toCampaignId, ct);
        if (from is null || to is null)
        {
            return Refuse(from ?? new Campaign(), to ?? new Campaign(),
                from is null ? "找不到上一年度的征缴活动，无法结转参保名单。" : "找不到要结转到的征缴活动，无法结转参保名单。");
        }

        if (StatusRefusal(to) is { } statusError)
        {
            return Refuse(from, to, statusError);
        }

        if (to.PolicyYear != from.PolicyYear + 1)
        {
            return Refuse(from, to,
                $"征缴活动 {to.Code} 的政策年度是 {to.PolicyYear} 年，不是 {from.Code}（{from.PolicyYear} 年度）的下一年度，不能结转。");
        }

        var area = to.JurisdictionId is { } jurisdictionId
            ? await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction])
                .Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleAsync(ct)
            : null;
        return Narrow(area, db.Tenant.JurisdictionPath) is { } path
            ? new RolloverPlan(from, to, path.Length == 0 ? null : path + "%", null)
            : Refuse(from, to, $"征缴活动 {to.Code} 的范围不在您的管辖范围内，不能结转。");
    }

    // Only a campaign still being prepared or collecting takes new enrollments; exhaustive on purpose, so a new
    // status has to be decided here.
    private static string? StatusRefusal(Campaign to) => to.Status switch
    {
        CampaignStatus.Draft or CampaignStatus.Open => null,
        CampaignStatus.Closed => $"征缴活动 {to.Code} 已结束征缴，不能再结转参保名单；只能结转到草稿或征缴中的活动。",
        CampaignStatus.Accepted => $"征缴活动 {to.Code} 已验收，不能再结转参保名单；只能结转到草稿或征缴中的活动。",
    };

    /// <summary>
    /// The smaller of the campaign's area and the user's scope (paths are nested or disjoint): "" for the whole
    /// tenant, null when they do not overlap.
    /// </summary>
    internal static string? Narrow(string? area, string? scope) => (area, scope) switch
    {
        (null, null) => "",
        (null, { } s) => s,
        ({ } a, null) => a,
        ({ } a, { } s) when a.StartsWith(s, StringComparison.Ordinal) => a,
        ({ } a, { } s) when s.StartsWith(a, StringComparison.Ordinal) => s,
        _ => null,
    };

    private static RolloverPlan Refuse(Campaign from, Campaign to, string error) => new(from, to, null, error);
}
