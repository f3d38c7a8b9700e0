using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.Quotas;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>Places and quotas of the demo for the quota tests, and the quota pages' handlers called as a user.</summary>
internal static class QuotaData
{
    public const string Tengzhou2025 = "tengzhou-2025";

    public static Task<long> TownshipIdAsync(this DemoApp app, string tenant, string name) => app.ScalarAsync<long>("""
        SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = $1 AND j.level = 'township' AND j.name = $2
        """, tenant, name);

    /// <summary>The villages directly under a township, in official order.</summary>
    public static async Task<List<string>> VillagesAsync(this DemoApp app, long township) => [.. (await app.ScalarAsync<string>("""
        SELECT string_agg(name, '|' ORDER BY display_order, id) FROM jurisdictions WHERE parent_id = $1 AND level = 'village'
        """, township)).Split('|')];

    public static Task<long> VillageIdAsync(this DemoApp app, long township, string name) =>
        app.ScalarAsync<long>("SELECT id FROM jurisdictions WHERE parent_id = $1 AND name = $2", township, name);

    /// <summary>A place's quota in tengzhou-2025, or null when it has none.</summary>
    public static async Task<int?> QuotaOfAsync(this DemoApp app, long jurisdiction) => await app.ScalarAsync<int?>("""
        SELECT q.target FROM quotas q JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id
        WHERE c.code = 'tengzhou-2025' AND q.jurisdiction_id = $1
        """, jurisdiction);

    public static async Task<QuotaTable?> TableAsync(this DemoApp app, string login, QuotaScope scope)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<QuotaQueries>().TableAsync(scope);
    }

    /// <summary>
    /// Types <paramref name="targets"/> (place name → text) into the page as <paramref name="login"/> sees it now and
    /// saves with <paramref name="reason"/>; <paramref name="table"/> is a page opened earlier, if any.
    /// </summary>
    public static async Task<QuotaSaveResult> SaveAsync(
        this DemoApp app, string login, QuotaScope scope, string? reason, Dictionary<string, string> targets, QuotaTable? table = null)
    {
        await using var session = await app.SessionAsync(login);
        table ??= await session.Get<QuotaQueries>().TableAsync(scope) ?? throw new InvalidOperationException($"No quota page {scope}.");
        var edits = targets.Select(t => table.Rows.Single(r => r.Name == t.Key)).Select(r => new QuotaEdit(r.JurisdictionId, targets[r.Name], r.Version)).ToList();
        return await session.Get<QuotaCommands>().SaveAsync(scope, edits, reason);
    }
}

internal static class QufuAccounts
{
    /// <summary>The demo has no 曲阜 administrator: one like tz-admin, in 曲阜, with the same password (once per database).</summary>
    public static Task QufuAdminAsync(this DemoApp app) => app.ScalarAsync<long>("""
        INSERT INTO user_accounts (tenant_id, login, display_name, password_hash, role, is_active, must_change_password)
        SELECT (SELECT id FROM tenants WHERE code = 'qufu'), 'qf-admin-quotas', '曲阜市医保局管理员（测试）', password_hash, role, true, false
        FROM user_accounts WHERE login = 'tz-admin' AND NOT EXISTS (SELECT 1 FROM user_accounts WHERE login = 'qf-admin-quotas')
        RETURNING id
        """);
}
