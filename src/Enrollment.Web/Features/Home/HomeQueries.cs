using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Rules;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Home;

/// <summary>The campaign a home page reports on: the one people work on now.</summary>
public sealed record HomeCampaign(long Id, string Name, int PolicyYear);

/// <summary>One township's (county home) or village's (township home) progress in the current campaign.</summary>
public sealed record ProgressRow(int Order, string Name, int? Quota, bool DemoQuota, int Paid, int PaidToday)
{
    public string Rate => CampaignProgress.Rate(Paid, Quota);
}

/// <summary>The county's townships in official order, with when the counts were taken.</summary>
public sealed record CountyProgress(HomeCampaign Campaign, DateOnly Today, DateTimeOffset CountedAt, IReadOnlyList<ProgressRow> Townships);

/// <summary>A township clerk's or village collector's villages, with their scope's totals.</summary>
public sealed record LocalProgress(
    HomeCampaign Campaign, DateTimeOffset CountedAt, int Residents, int? Quota, bool DemoQuotas, IReadOnlyList<ProgressRow> Villages);

/// <summary>Subsidies of the paid, by basis, split between county and townships (finance's home).</summary>
public sealed record SubsidyRow(string Basis, int People, decimal Subsidy, decimal County, decimal Township);

public sealed record SubsidySummary(HomeCampaign Campaign, DateTimeOffset CountedAt, IReadOnlyList<SubsidyRow> Rows);

/// <summary>A county bureau and how many accounts it has (the system administrator's home).</summary>
public sealed record TenantRow(string Name, string Code, int Users);

/// <summary>What the role homes show; each reads the current campaign inside the user's scope.</summary>
public sealed class HomeQueries(UserDbContextFactory contexts, CurrentUser currentUser, ProgressCache progress, TimeProvider clock)
{
    public async Task<CountyProgress?> CountyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CurrentAsync(db, cancellationToken) is not { } campaign)
        {
            return null;
        }
        var today = clock.Today();
        var townships = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Name).Select(j => new { j.Id, j.Name }).ToListAsync(cancellationToken);
        var quotas = await db.Quotas.Where(q => q.CampaignId == campaign.Id)
            .Select(q => new { q.JurisdictionId, q.Target, q.IsDemo }).ToDictionaryAsync(q => q.JurisdictionId, cancellationToken);
        var villages = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Village)
            .Select(j => new { j.Id, j.Path }).ToDictionaryAsync(j => j.Id, j => j.Path, cancellationToken);
        var counted = await progress.GetAsync("paid-by-village", db.Tenant, campaign.Id, c => CampaignProgress.PaidByVillageAsync(c, campaign.Id, today));
        var byTownship = counted.Value.Values
            .GroupBy(v => villages.TryGetValue(v.VillageId, out var path) ? CampaignProgress.AncestorAt(path, 1) : null)
            .Where(g => g.Key is not null)
            .ToDictionary(g => g.Key!.Value, g => (Paid: g.Sum(v => v.Paid), Today: g.Sum(v => v.PaidToday)));
        var rows = townships.Select((t, i) =>
        {
            var counts = byTownship.GetValueOrDefault(t.Id);
            var quota = quotas.GetValueOrDefault(t.Id);
            return new ProgressRow(i + 1, t.Name, quota?.Target, quota?.IsDemo ?? false, counts.Paid, counts.Today);
        }).ToList();
        return new CountyProgress(campaign, today, counted.At, rows);
    }

    public async Task<LocalProgress?> LocalAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CurrentAsync(db, cancellationToken) is not { } campaign)
        {
            return null;
        }
        // The jurisdiction filter already narrows every set to the user's township or village.
        var villages = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Village)
            .OrderBy(j => j.Path.Length).ThenBy(j => j.DisplayOrder).ThenBy(j => j.Name)
            .Select(j => new { j.Id, j.Name }).ToListAsync(cancellationToken);
        var quotas = await db.Quotas.Where(q => q.CampaignId == campaign.Id)
            .Select(q => new { q.JurisdictionId, q.Target, q.IsDemo }).ToListAsync(cancellationToken);
        var villageQuotas = quotas.ToDictionary(q => q.JurisdictionId, q => q.Target);
        var today = clock.Today();
        var counted = await progress.GetAsync("paid-by-village", db.Tenant, campaign.Id, c => CampaignProgress.PaidByVillageAsync(c, campaign.Id, today));
        var residents = await db.Residents.CountAsync(r => r.Status == ResidentStatus.Active, cancellationToken);
        var rows = villages.Select((v, i) =>
        {
            var counts = counted.Value.GetValueOrDefault(v.Id);
            return new ProgressRow(i + 1, v.Name, villageQuotas.TryGetValue(v.Id, out var q) ? q : null, false, counts?.Paid ?? 0, counts?.PaidToday ?? 0);
        }).ToList();
        // The scope root's own quota (a township's), else the villages' sum when they have one each.
        var root = await db.Jurisdictions.OrderBy(j => j.Path.Length).Select(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        int? quota = villageQuotas.TryGetValue(root, out var own) ? own
            : rows.Count > 0 && rows.All(r => r.Quota is not null) ? rows.Sum(r => r.Quota!.Value) : null;
        return new LocalProgress(campaign, counted.At, residents, quota, quotas.Any(q => q.IsDemo), rows);
    }

    public async Task<SubsidySummary?> SubsidiesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CurrentAsync(db, cancellationToken) is not { } campaign)
        {
            return null;
        }
        var id = campaign.Id;
        var counted = await progress.GetAsync("subsidy-by-basis", db.Tenant, id, c => SumsAsync(c, id));
        var rows = counted.Value.OrderByDescending(s => s.Subsidy)
            .Select(s => new SubsidyRow(BasisName(s.Basis), s.People, s.Subsidy, s.County, s.Township)).ToList();
        return new SubsidySummary(campaign, counted.At, rows);
    }

    /// <summary>The county bureaus and their account counts: global tables, for the system administrator only.</summary>
    public async Task<IReadOnlyList<TenantRow>> TenantsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageTenants);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Tenants.OrderBy(t => t.Id)
            .Select(t => new TenantRow(t.Name, t.Code, db.UserAccounts.Count(u => u.TenantId == t.Id)))
            .ToListAsync(cancellationToken);
    }

    private static async Task<HomeCampaign?> CurrentAsync(EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await CampaignProgress.CurrentAsync(db, cancellationToken) is { } c ? new HomeCampaign(c.Id, c.Name, c.PolicyYear) : null;

    private sealed record BasisSum(string? Basis, int People, decimal Subsidy, decimal County, decimal Township);

    /// <summary>Subsidies of the paid, summed by basis (county-wide or the user's scope, as the filters narrow it).</summary>
    private static Task<List<BasisSum>> SumsAsync(EnrollmentDbContext db, long campaignId)
    {
        var paidEnrollments = CampaignProgress.PaidEnrollments(db, campaignId).Select(e => e.Id);
        return db.Enrollments
            .Where(e => e.CampaignId == campaignId && e.QuoteSubsidy > 0 && paidEnrollments.Contains(e.Id))
            .GroupBy(e => e.QuoteBasis)
            .Select(g => new BasisSum(g.Key, g.Count(), g.Sum(e => e.QuoteSubsidy ?? 0), g.Sum(e => e.QuoteCountyShare ?? 0), g.Sum(e => e.QuoteTownshipShare ?? 0)))
            .ToListAsync();
    }

    /// <summary>The category's one Chinese name (the rules engine's), as every page and export says it.</summary>
    private static string BasisName(string? code) =>
        code is null ? "（未注明）" : BasisCodes.TryParse(code, out var basis) ? basis.ChineseName() : code;
}
