using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Rules;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>A category the campaign subsidises, as its check box reads.</summary>
public sealed record TrialCategory(string Code, string Label);

/// <summary>An existing resident as their trial shows them: masked, with the quote recorded when they registered.</summary>
public sealed record TrialResident(long Id, string Name, string MaskedCitizenId, QuoteSnapshot? Recorded, DateOnly? PaidOn);

/// <summary>
/// What the page needs to offer a trial: the campaigns to pick from, the one chosen, its policy's categories and
/// townships (none when the policy does not validate), the form filled in, and for a resident their first quote.
/// </summary>
public sealed record TrialSetup(
    IReadOnlyList<TrialCampaign> Campaigns, TrialCampaign? Campaign, bool PolicyUsable, IReadOnlyList<TrialCategory> Categories,
    IReadOnlyList<string> Townships, TrialResident? Resident, TrialQuoteForm Form, TrialQuoteAnswer? Answer);

/// <summary>A quote, or why not (per field), in the campaign and policy version that quoted it.</summary>
public sealed record TrialQuoteAnswer(TrialCampaign Campaign, int PolicyVersion, TrialQuoteResult? Result, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// 试算: anyone in a county may quote a number they type. A trial for an existing resident also needs the resident
/// page's permission, and the resident in the user's scope; their stored number is quoted here and never leaves.
/// </summary>
public sealed class TrialQuoteQueries(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>Null when there is nothing to show: a resident the user may not read, or one outside the scope.</summary>
    public async Task<TrialSetup?> SetupAsync(string? campaignCode, long? residentId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.QuoteTrial);
        if (residentId is not null && !user.Can(Operation.ReadResidents))
        {
            return null;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var campaigns = await TrialCampaigns.VisibleAsync(db, user, cancellationToken);
        var form = new TrialQuoteForm { PaidOn = clock.Today() };
        var chosen = TrialCampaigns.Choose(campaigns, campaignCode);
        if (chosen is null)
        {
            // No campaign yet: nothing to quote in, but a resident outside the scope is still not found.
            var seen = residentId is not { } rid || await db.Residents.AnyAsync(r => r.Id == rid, cancellationToken);
            return seen ? new TrialSetup(campaigns, null, false, [], [], null, form, null) : null;
        }
        form.Campaign = chosen.Code;
        var policy = await CampaignPolicyQuery.LoadAsync(db, chosen.Code, cancellationToken);
        ResidentTrial? trial = null;
        if (residentId is { } id && (trial = await ResidentTrialQuery.LoadAsync(db, id, chosen.Id, cancellationToken)) is null)
        {
            return null;
        }
        if (policy?.Loaded.Policy is not { } compiled)
        {
            return new TrialSetup(campaigns, chosen, false, [], [], Masked(trial), form, null);
        }

        var townships = await TownshipsAsync(db, cancellationToken);
        var categories = CategoriesOf(compiled);
        var recorded = trial?.Categories.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.Min(c => c.FirstCertified)) ?? [];
        form.Categories = [.. categories.Select(c => new CategoryInput
        {
            Code = c.Code, Selected = recorded.ContainsKey(c.Code), FirstCertified = recorded.GetValueOrDefault(c.Code),
        })];
        TrialQuoteAnswer? answer = null;
        if (trial is not null)
        {
            form.ResidentId = trial.Id;
            form.History = trial.History;
            form.GapYears = trial.GapYears;
            form.Township = trial.Township;
            form.PaidOn = trial.PaidOn ?? form.PaidOn;
            answer = Quote(chosen, policy, compiled, form, trial.CitizenId);
        }
        return new TrialSetup(campaigns, chosen, true, categories, townships, Masked(trial), form, answer);
    }

    /// <summary>
    /// Quotes the form in its campaign (a campaign the user may not see is the one they work on now, as if the code
    /// were unknown). Null when the form names a resident the user may not read or who is outside the scope.
    /// </summary>
    public async Task<TrialQuoteAnswer?> QuoteAsync(TrialQuoteForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await currentUser.RequireAsync(Operation.QuoteTrial);
        if (form.ResidentId is not null && !user.Can(Operation.ReadResidents))
        {
            return null;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var chosen = TrialCampaigns.Choose(await TrialCampaigns.VisibleAsync(db, user, cancellationToken), form.Campaign);
        if (chosen is null || await CampaignPolicyQuery.LoadAsync(db, chosen.Code, cancellationToken) is not { Loaded.Policy: { } compiled } policy)
        {
            return null;
        }
        string? stored = null;
        if (form.ResidentId is { } residentId)
        {
            // The number quoted is the stored one, read here; whatever the call carries as a number is ignored.
            stored = await db.Residents.AsNoTracking().Where(r => r.Id == residentId).Select(r => r.CitizenId).SingleOrDefaultAsync(cancellationToken);
            if (stored is null)
            {
                return null;
            }
        }
        // 镇街 is picked from the county's townships: a name that is not one of them is not quietly quoted as none.
        if (!string.IsNullOrWhiteSpace(form.Township) && !(await TownshipsAsync(db, cancellationToken)).Contains(form.Township))
        {
            return new TrialQuoteAnswer(chosen, policy.Version.Version, null,
                new Dictionary<string, string> { [nameof(TrialQuoteForm.Township)] = "请从列表中选择镇（街道）。" });
        }
        return Quote(chosen, policy, compiled, form, stored);
    }

    /// <summary>The county's townships in official order (a resident's township may lie outside the user's subtree).</summary>
    private static Task<List<string>> TownshipsAsync(EnrollmentDbContext db, CancellationToken cancellationToken) =>
        db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Name).Select(j => j.Name).ToListAsync(cancellationToken);

    private static TrialQuoteAnswer Quote(TrialCampaign campaign, CampaignPolicy policy, CompiledPolicy compiled, TrialQuoteForm form, string? stored)
    {
        var errors = new Dictionary<string, string>();
        var result = TrialQuoteHandler.Run(compiled, form, stored, errors);
        return new TrialQuoteAnswer(campaign, policy.Version.Version, result, errors);
    }

    private static TrialResident? Masked(ResidentTrial? trial) =>
        trial is null ? null : new TrialResident(trial.Id, trial.Name, CitizenIdMask.Mask(trial.CitizenId), trial.Recorded, trial.PaidOn);

    /// <summary>One row per category the policy subsidises, in policy order (the age bands follow from the number).</summary>
    private static List<TrialCategory> CategoriesOf(CompiledPolicy policy) =>
        [.. policy.Subsidies.Select(s => s.Basis).Where(b => !b.IsAgeBand()).Distinct().Select(b =>
        {
            var rule = policy.Subsidies.First(s => s.Basis == b);
            var name = b.ChineseName();
            return new TrialCategory(b.ToCode(), rule.Label is { } label && label != name ? $"{name}（{label}）" : name);
        })];
}
