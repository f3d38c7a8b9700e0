using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Campaigns.NewCampaign;

/// <summary>A township the new campaign may be scoped to.</summary>
public sealed record TownshipChoice(long Id, string Name);

/// <summary>
/// Creates a campaign from a shipped policy template: every setting copied, dates moved to the target year,
/// amounts left for the administrator to confirm, status draft, policy version 1 (audited by the DbContext).
/// </summary>
internal static class NewCampaignHandler
{
    /// <summary>Codes a campaign cannot take because a page's route already uses them (/campaigns/new).</summary>
    private static readonly string[] Reserved = ["new"];

    /// <summary>The year after the tenant's latest campaign; the year after today's when it has none.</summary>
    public static async Task<int> DefaultYearAsync(EnrollmentDbContext db, DateOnly today, CancellationToken ct = default) =>
        (await db.Campaigns.MaxAsync(c => (int?)c.PolicyYear, ct) ?? today.Year) + 1;

    /// <summary>e.g. baogou-2022 for 2026 → baogou-2026; an id without its year gets the target year appended.</summary>
    public static string SuggestedCode(PolicyTemplate template, int year)
    {
        var from = "-" + template.PolicyYear.ToString(CultureInfo.InvariantCulture);
        var stem = template.Id.EndsWith(from, StringComparison.Ordinal) ? template.Id[..^from.Length] : template.Id;
        return $"{stem}-{year.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The township the template was written for (滕州市鲍沟镇 → 鲍沟镇), when this county has it.</summary>
    public static TownshipChoice? MatchingTownship(IEnumerable<TownshipChoice> townships, PolicyTemplate template) =>
        template.Jurisdiction is { Length: > 0 } place
            ? townships.FirstOrDefault(t => t.Name.Length > 0 && place.EndsWith(t.Name, StringComparison.Ordinal))
            : null;

    public static Task<List<TownshipChoice>> TownshipsAsync(EnrollmentDbContext db, CancellationToken ct = default) =>
        db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Id).Select(j => new TownshipChoice(j.Id, j.Name)).ToListAsync(ct);

    /// <summary>
    /// The new campaign's code, or null with the reasons in <paramref name="errors"/> (form field → Chinese
    /// message; "" for the form as a whole).
    /// </summary>
    public static async Task<string?> CreateAsync(
        EnrollmentDbContext db, NewCampaignForm input, long? userId, DateTimeOffset now, Dictionary<string, string> errors, CancellationToken ct = default)
    {
        var template = PolicyTemplates.Find(input.Template);
        if (template is null)
        {
            errors[nameof(NewCampaignForm.Template)] = "未找到该政策模板，请从列表中选择。";
            return null;
        }
        var year = input.PolicyYear!.Value;
        var code = input.Code.Trim();
        if (Reserved.Contains(code, StringComparer.Ordinal))
        {
            errors[nameof(NewCampaignForm.Code)] = $"编号 {code} 是系统保留字，请换一个。";
        }
        else if (await db.Campaigns.AnyAsync(c => c.Code == code, ct))
        {
            errors[nameof(NewCampaignForm.Code)] = DuplicateCode(code);
        }

        Jurisdiction? township = null;
        if (input.TownshipId is { } townshipId)
        {
            township = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == townshipId && j.Level == JurisdictionLevel.Township, ct);
            if (township is null)
            {
                errors[nameof(NewCampaignForm.TownshipId)] = "请选择本县的镇（街道），或选择全县。";
            }
        }
        if (errors.Count > 0)
        {
            return null;
        }

        // The county's own name when the tenant has its root; a tenant without one keeps the template's wording.
        var place = township?.Name
            ?? await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County).Select(j => j.Name).FirstOrDefaultAsync(ct);
        var note = PolicyCopy.AmountsNote("由政策模板创建的", year - template.PolicyYear, $"模板 {template.Id}（{template.PolicyYear} 年度）");
        var json = PolicyCopy.Shift(PolicyCatalog.GetJson(template.Id)!, code, template.PolicyYear, year, place, note);
        var loaded = PolicyLoader.Load(json);
        if (loaded.Document is not { } document || loaded.Policy is null)
        {
            // Warnings (e.g. a share left unset) do not stop a draft; the campaign page lists them.
            errors[""] = "政策模板复制后未通过校验：" + string.Join("；",
                loaded.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ChineseMessage));
            return null;
        }

        var campaign = new Campaign { Code = code, PolicyYear = year, JurisdictionId = township?.Id, CreatedAt = now };
        CampaignRowSync.MirrorPolicy(campaign, document);
        campaign.AddPolicyVersion(json, $"由政策模板 {template.Id}（{template.Name}）创建", userId, now);
        db.Campaigns.Add(campaign);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone created the same code between the check above and this save.
            db.ChangeTracker.Clear();
            errors[nameof(NewCampaignForm.Code)] = DuplicateCode(code);
            return null;
        }
        return code;
    }

    private static string DuplicateCode(string code) => $"本县已有编号为 {code} 的征缴活动，请换一个编号。";
}
