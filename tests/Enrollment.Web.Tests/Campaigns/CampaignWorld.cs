using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.PolicyEdit;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// Campaigns the tests make for themselves through the pages' own commands, each under a code of its own, so no test
/// depends on which other test ran first.
/// </summary>
internal static class CampaignWorld
{
    /// <summary>A draft from a shipped template, created as the county administrator; returns its code.</summary>
    public static async Task<string> NewDraftAsync(this DemoApp app, string code, string template = "tengzhou-2025", int year = 2026, string? township = null)
    {
        long? townshipId = township is null ? null : await app.ScalarAsync<long>("""
            SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'tengzhou' AND j.level = 'township' AND j.name = $1
            """, township);
        await using var session = await app.SessionAsync("tz-admin");
        var answer = await session.Get<NewCampaignCommands>().CreateAsync(
            new NewCampaignForm { Template = template, PolicyYear = year, Code = code, TownshipId = townshipId });
        answer.Code.ShouldBe(code, string.Join("；", answer.Errors.Values));
        return code;
    }

    /// <summary>The policy editor opened on <paramref name="code"/> as the county administrator, with a fresh form.</summary>
    public static async Task<(PolicyEditorModel Model, PolicyEditForm Form)> OpenEditorAsync(this DemoApp app, string code)
    {
        await using var session = await app.SessionAsync("tz-admin");
        var model = (await session.Get<PolicyEditor>().OpenAsync(code)).ShouldNotBeNull(code);
        return (model, model.NewForm());
    }

    /// <summary>Saves <paramref name="form"/> as the county administrator (a draft: no preview needed).</summary>
    public static async Task<PolicySaveAnswer> SaveAsync(this DemoApp app, PolicyEditorModel model, PolicyEditForm form, string? reason = null, string? previewed = null)
    {
        await using var session = await app.SessionAsync("tz-admin");
        return await session.Get<PolicyEditor>().SaveAsync(model.Code, model.BaseVersion, form, reason, previewed);
    }

    public static Task<int> VersionOfAsync(this DemoApp app, string code) => app.ScalarAsync<int>("""
        SELECT max(v.version) FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id
        JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'tengzhou' AND c.code = $1
        """, code);

    /// <summary>A value of the latest version's document, by a jsonb path such as {subsidies,3,share}.</summary>
    public static Task<string?> LatestAsync(this DemoApp app, string code, string jsonPath) => app.ScalarAsync<string?>($"""
        SELECT v.document #>> '{jsonPath}' FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id
        JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'tengzhou' AND c.code = $1 ORDER BY v.version DESC LIMIT 1
        """, code);

    public static int IndexOf(this PolicyEditForm form, string basis) => form.Subsidies.FindIndex(s => s.Basis == basis);

    /// <summary>Tengzhou's townships in official order.</summary>
    public static async Task<string[]> TownshipsAsync(this DemoApp app) => (await app.ScalarAsync<string>("""
        SELECT string_agg(j.name, '|' ORDER BY j.display_order, j.id) FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id
        WHERE t.code = 'tengzhou' AND j.level = 'township'
        """)).Split('|');
}
