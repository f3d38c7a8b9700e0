using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Quoting;
using Enrollment.Domain.Policies;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns.Versions;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>One campaign of the county's list.</summary>
public sealed record CampaignRow(
    string Code, string Name, int PolicyYear, CampaignStatus Status, DateOnly? WindowStart, DateOnly? WindowEnd, int Version, string? Township);

/// <summary>A campaign and its current policy, as its page shows it.</summary>
public sealed record CampaignView(
    string Code, string Name, int PolicyYear, CampaignStatus Status, string? Township, int Version, DateTimeOffset VersionAt,
    string VersionReason, PolicyDocument Document, IReadOnlyList<PolicyProblem> Problems, int StaleQuotes = 0)
{
    /// <summary>Drafts change freely, open campaigns with a reason after a preview; closed and accepted ones are final.</summary>
    public bool Editable => Status is CampaignStatus.Draft or CampaignStatus.Open;
}

/// <summary>One saved policy version: when, by whom, why.</summary>
public sealed record VersionRow(int Version, DateTimeOffset CreatedAt, string By, string Reason);

/// <summary>The campaign above its version list, and the version numbers the comparison offers (newest first).</summary>
public sealed record VersionsHeader(string Code, string CampaignName, IReadOnlyList<int> Versions);

/// <summary>One policy version as its page shows it.</summary>
public sealed record VersionView(
    string Code, string CampaignName, VersionRow Row, PolicyDocument Document, IReadOnlyList<PolicyProblem> Problems);

/// <summary>What differs between two versions, setting by setting, named and valued in Chinese.</summary>
public sealed record PolicyComparison(int From, int To, IReadOnlyList<PolicyChange> Changes);

/// <summary>One changed setting: its path in the document (for tests and links), its Chinese name, both values as people read them.</summary>
public sealed record PolicyChange(string Path, string Setting, string Before, string After);

/// <summary>
/// What the campaign pages read: the county's campaigns, one campaign with its policy, its versions and their
/// comparison. Only the county administrator (ManageCampaigns); a campaign of another county is simply not found.
/// </summary>
public sealed class CampaignQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    public async Task<GridPage<CampaignRow>> PageAsync(GridRequest request, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var campaigns = db.Campaigns.AsNoTracking();
        var total = await campaigns.CountAsync(cancellationToken);
        var ordered = (request.SortBy, request.Descending) switch
        {
            (nameof(CampaignRow.Code), false) => campaigns.OrderBy(c => c.Code),
            (nameof(CampaignRow.Code), true) => campaigns.OrderByDescending(c => c.Code),
            (nameof(CampaignRow.WindowEnd), false) => campaigns.OrderBy(c => c.WindowEnd).ThenBy(c => c.Code),
            (nameof(CampaignRow.WindowEnd), true) => campaigns.OrderByDescending(c => c.WindowEnd).ThenBy(c => c.Code),
            (nameof(CampaignRow.PolicyYear), false) => campaigns.OrderBy(c => c.PolicyYear).ThenBy(c => c.Code),
            _ => campaigns.OrderByDescending(c => c.PolicyYear).ThenBy(c => c.Code),
        };
        var rows = await ordered.Skip(request.Skip).Take(request.Size)
            .Select(c => new
            {
                c.Code, c.Name, c.PolicyYear, c.Status, c.WindowStart, c.WindowEnd, c.JurisdictionId,
                Version = c.PolicyVersions.Max(v => (int?)v.Version) ?? 0,
            })
            .ToListAsync(cancellationToken);
        var townships = await TownshipNamesAsync(db, rows.Select(r => r.JurisdictionId), cancellationToken);
        return new GridPage<CampaignRow>(
            [.. rows.Select(r => new CampaignRow(r.Code, r.Name, r.PolicyYear, r.Status, r.WindowStart, r.WindowEnd, r.Version,
                r.JurisdictionId is { } id ? townships.GetValueOrDefault(id) : null))],
            total);
    }

    /// <summary>The campaign <paramref name="code"/> of the user's county with its current policy; null when there is none.</summary>
    public async Task<CampaignView?> CampaignAsync(string code, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CampaignPolicyQuery.LoadAsync(db, code, cancellationToken) is not { Document: { } document } current)
        {
            return null;
        }
        var campaign = current.Campaign;
        var townships = await TownshipNamesAsync(db, [campaign.JurisdictionId], cancellationToken);
        // An open campaign's unpaid whose amounts a background re-quote has not reached yet (the page shows it running).
        var stale = campaign.Status == CampaignStatus.Open
            ? await StaleQuotes.Of(db, campaign.Id, current.Version.Version).CountAsync(cancellationToken)
            : 0;
        return new CampaignView(
            campaign.Code, campaign.Name, campaign.PolicyYear, campaign.Status,
            campaign.JurisdictionId is { } id ? townships.GetValueOrDefault(id) : null,
            current.Version.Version, current.Version.CreatedAt, current.Version.Reason, document, current.Loaded.Problems, stale);
    }

    public async Task<VersionsHeader?> VersionsHeaderAsync(string code, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        if (!CampaignCodes.IsWellFormed(code))
        {
            return null;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Code == code)
            .Select(c => new { c.Code, c.Name, Versions = c.PolicyVersions.OrderByDescending(v => v.Version).Select(v => v.Version).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        return campaign is null ? null : new VersionsHeader(campaign.Code, campaign.Name, campaign.Versions);
    }

    /// <summary>A page of the campaign's versions, newest first unless sorted otherwise; empty for a campaign not found.</summary>
    public async Task<GridPage<VersionRow>> VersionsAsync(string code, GridRequest request, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        if (!CampaignCodes.IsWellFormed(code))
        {
            return new GridPage<VersionRow>([], 0);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var versions = db.CampaignPolicyVersions.AsNoTracking().Where(v => db.Campaigns.Any(c => c.Id == v.CampaignId && c.Code == code));
        var total = await versions.CountAsync(cancellationToken);
        var ordered = request is { SortBy: nameof(VersionRow.Version) or nameof(VersionRow.CreatedAt), Descending: false }
            ? versions.OrderBy(v => v.Version)
            : versions.OrderByDescending(v => v.Version);
        var rows = await ordered.Skip(request.Skip).Take(request.Size)
            .Select(v => new { v.Version, v.CreatedAt, v.CreatedByUserId, v.Reason })
            .ToListAsync(cancellationToken);
        var names = await UserNamesAsync(db, rows.Select(r => r.CreatedByUserId), cancellationToken);
        return new GridPage<VersionRow>([.. rows.Select(r => new VersionRow(r.Version, r.CreatedAt, NameOf(names, r.CreatedByUserId), r.Reason))], total);
    }

    public async Task<VersionView?> VersionAsync(string code, int version, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        if (!CampaignCodes.IsWellFormed(code))
        {
            return null;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var found = await db.CampaignPolicyVersions.AsNoTracking()
            .Where(v => v.Version == version)
            .Join(db.Campaigns.Where(c => c.Code == code), v => v.CampaignId, c => c.Id, (v, c) => new { v, c.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || PolicyLoader.Load(found.v.Document) is not { Document: { } document } loaded)
        {
            return null;
        }
        var names = await UserNamesAsync(db, [found.v.CreatedByUserId], cancellationToken);
        var row = new VersionRow(found.v.Version, found.v.CreatedAt, NameOf(names, found.v.CreatedByUserId), found.v.Reason);
        return new VersionView(code, found.Name, row, document, loaded.Problems);
    }

    /// <summary>Version <paramref name="from"/> against <paramref name="to"/> of the campaign; null when either is not found.</summary>
    public async Task<PolicyComparison?> CompareAsync(string code, int from, int to, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        if (!CampaignCodes.IsWellFormed(code))
        {
            return null;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var documents = await db.CampaignPolicyVersions.AsNoTracking()
            .Where(v => (v.Version == from || v.Version == to) && db.Campaigns.Any(c => c.Id == v.CampaignId && c.Code == code))
            .ToDictionaryAsync(v => v.Version, v => v.Document, cancellationToken);
        if (!documents.TryGetValue(from, out var before) || !documents.TryGetValue(to, out var after))
        {
            return null;
        }
        return new PolicyComparison(from, to, [.. PolicyDiff.Compare(before, after)
            .Select(d => new PolicyChange(d.Path, PolicyPathNames.Describe(d.Path), PolicyValueText.Of(d.Path, d.Before), PolicyValueText.Of(d.Path, d.After)))]);
    }

    /// <summary>Names of townships by id (a campaign's area). Townships are county configuration every administrator sees.</summary>
    private static async Task<Dictionary<long, string>> TownshipNamesAsync(EnrollmentDbContext db, IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Jurisdictions.AsNoTracking().Where(j => wanted.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
    }

    private static async Task<Dictionary<long, string>> UserNamesAsync(EnrollmentDbContext db, IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        // Display names of accounts are role placeholders (滕州市医保局管理员), never an official's own name.
        return wanted.Count == 0
            ? []
            : await db.UserAccounts.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>Versions saved by nobody signed in: seeded with the county, or by an operator's command.</summary>
    private static string NameOf(Dictionary<long, string> names, long? id) =>
        id is { } userId && names.TryGetValue(userId, out var name) ? name : "系统";
}
