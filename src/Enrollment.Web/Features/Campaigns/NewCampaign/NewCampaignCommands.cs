using System.ComponentModel.DataAnnotations;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.NewCampaign;

/// <summary>What the form offers: the county's townships in official order, the county's name, the year to suggest.</summary>
public sealed record NewCampaignSetup(IReadOnlyList<TownshipChoice> Townships, string? CountyName, int DefaultYear);

/// <summary>The new campaign's code, or the reasons there is none: form field → Chinese message ("" for the form as a whole).</summary>
public sealed record NewCampaignAnswer(string? Code, IReadOnlyDictionary<string, string> Errors);

/// <summary>新建征缴活动 from a shipped policy template, for the county administrator, in their own county.</summary>
public sealed class NewCampaignCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<NewCampaignSetup> SetupAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var townships = await NewCampaignHandler.TownshipsAsync(db, cancellationToken);
        var county = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County).Select(j => j.Name).FirstOrDefaultAsync(cancellationToken);
        return new NewCampaignSetup(townships, county, await NewCampaignHandler.DefaultYearAsync(db, clock.Today(), cancellationToken));
    }

    public async Task<NewCampaignAnswer> CreateAsync(NewCampaignForm form, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ManageCampaigns);
        var errors = new Dictionary<string, string>();
        // The form checks the same as the person types; a call that skipped it is checked again here.
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                errors.TryAdd(result.MemberNames.FirstOrDefault() ?? "", result.ErrorMessage ?? "输入有误。");
            }
            return new NewCampaignAnswer(null, errors);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var code = await NewCampaignHandler.CreateAsync(db, form, user.Id, clock.GetUtcNow(), errors, cancellationToken);
        return new NewCampaignAnswer(code, errors);
    }
}
