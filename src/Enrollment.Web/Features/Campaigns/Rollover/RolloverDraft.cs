using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Campaigns.Rollover;

/// <summary>
/// 结转, first step: next year's campaign from this year's. Every setting copied, every date moved on one year,
/// amounts kept for the administrator to confirm (a note says so), status draft, policy version 1, the phases
/// mirrored onto the campaign row. The roster follows in a second step (<see cref="RolloverJobs"/>).
/// </summary>
internal static class RolloverDraft
{
    /// <summary>下一年度草稿：日期已顺延一年；…沿用上一年度，请管理员核对确认后再开始征缴。</summary>
    public static readonly string AmountsNote = PolicyCopy.AmountsNote("下一年度", 1, "上一年度");

    /// <summary>e.g. tengzhou-2025 → tengzhou-2026; a code without a trailing year gets one.</summary>
    public static string NextCode(string code, int policyYear)
    {
        var year = policyYear.ToString(CultureInfo.InvariantCulture);
        var next = (policyYear + 1).ToString(CultureInfo.InvariantCulture);
        return code.EndsWith("-" + year, StringComparison.Ordinal) ? code[..^year.Length] + next : $"{code}-{next}";
    }

    /// <summary>The new campaign's code, or an error in Chinese.</summary>
    public static async Task<(string? Code, string? Error)> CreateAsync(
        EnrollmentDbContext db, CampaignPolicy source, long? userId, DateTimeOffset now, CancellationToken ct = default)
    {
        var campaign = source.Campaign;
        var code = NextCode(campaign.Code, campaign.PolicyYear);
        if (await db.Campaigns.AnyAsync(c => c.Code == code, ct))
        {
            return (null, Exists(code));
        }

        var json = NextYearJson(source.Version.Document, code, campaign.PolicyYear);
        var loaded = PolicyLoader.Load(json);
        if (loaded.Document is not { } document)
        {
            return (null, "上一年度的政策无法复制：" + string.Join("；", loaded.Problems.Select(p => p.ChineseMessage)));
        }

        var next = new Campaign { Code = code, PolicyYear = document.PolicyYear, JurisdictionId = campaign.JurisdictionId, CreatedAt = now };
        // Name, window and phases come from the moved document, as after any policy save.
        CampaignRowSync.MirrorPolicy(next, document);
        next.AddPolicyVersion(json, $"由 {campaign.Code}（第 {source.Version.Version} 版）结转生成下一年度草稿", userId, now);
        db.Campaigns.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else carried the same campaign over between the check above and this save.
            return (null, Exists(code));
        }
        return (code, null);
    }

    private static string Exists(string code) => $"下一年度的征缴活动 {code} 已存在。";

    /// <summary>The policy JSON moved on a year: id, year, name, every ISO date; version 1; the amounts note added.</summary>
    public static string NextYearJson(string json, string code, int policyYear) =>
        PolicyCopy.Shift(json, code, policyYear, policyYear + 1, jurisdiction: null, AmountsNote);
}
