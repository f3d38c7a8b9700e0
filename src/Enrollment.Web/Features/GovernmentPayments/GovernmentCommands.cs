using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Payments;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Refunds;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.GovernmentPayments;

/// <summary>
/// 政府代缴 (Operation.RecordGovernmentPayments, the county): for every unpaid enrollment of a campaign whose quote
/// leaves the resident nothing to pay, one confirmed government payment of the subsidy, dated as the county says.
/// Idempotent through the payment function: a second run finds nobody left and writes nothing. Audited as one row.
/// </summary>
public sealed class GovernmentCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The county's campaigns that can take it (open or closed), newest first.</summary>
    public async Task<IReadOnlyList<GovernmentCampaign>> CampaignsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RecordGovernmentPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open || c.Status == CampaignStatus.Closed)
            .OrderByDescending(c => c.PolicyYear).ThenBy(c => c.Code)
            .Select(c => new GovernmentCampaign(c.Code, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Who the run would pay for, or null for a campaign the county does not have.</summary>
    public async Task<GovernmentPreview?> PreviewAsync(string? campaignCode, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RecordGovernmentPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await FindAsync(db, campaignCode, cancellationToken) is not { } campaign)
        {
            return null;
        }
        if (Policy(campaign) is not { } policy)
        {
            return new GovernmentPreview(campaign.Code, campaign.Name, 0, 0m, false);
        }
        var due = await PaymentService.FindFullySubsidisedAsync(db, campaign.Id, policy.Compiled, clock.Today(), cancellationToken);
        return new GovernmentPreview(campaign.Code, campaign.Name, due.EnrollmentIds.Count, due.Subsidy, IsOpen(campaign.Status));
    }

    public async Task<GovernmentAnswer> PayAsync(string? campaignCode, DateOnly? paidOn, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.RecordGovernmentPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await FindAsync(db, campaignCode, cancellationToken) is not { } campaign)
        {
            return new GovernmentAnswer(0, GovernmentText.UnknownCampaign);
        }
        if (!IsOpen(campaign.Status))
        {
            return new GovernmentAnswer(0, GovernmentText.NotOpen);
        }
        if (Policy(campaign) is not { } policy)
        {
            return new GovernmentAnswer(0, GovernmentText.NoPolicy);
        }
        if (paidOn is not { } day)
        {
            return new GovernmentAnswer(0, GovernmentText.DateMissing);
        }
        if (day > clock.Today())
        {
            return new GovernmentAnswer(0, GovernmentText.DateInFuture);
        }
        // Money for a policy year is collected from the window's start (or, without one, from the year before).
        var earliest = campaign.WindowStart ?? new DateOnly(campaign.PolicyYear - 1, 1, 1);
        if (day < earliest)
        {
            return new GovernmentAnswer(0, GovernmentText.DateTooEarly(earliest));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var written = await PaymentService.PayFullySubsidisedByRulesAsync(db, campaign.Id, policy.Compiled, policy.Version, day, now, cancellationToken);
        await PaymentAudit.WriteAsync(db, user, "payments", new { tenant_id = user.TenantId, campaign_id = campaign.Id }, AuditAction.Insert, null,
            new { government_payments = written, campaign = campaign.Code, paid_on = day }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new GovernmentAnswer(written, null);
    }

    private static bool IsOpen(CampaignStatus status) => status switch
    {
        CampaignStatus.Open or CampaignStatus.Closed => true,
        CampaignStatus.Draft or CampaignStatus.Accepted => false,
    };

    private static async Task<Campaign?> FindAsync(EnrollmentDbContext db, string? code, CancellationToken cancellationToken) =>
        !Campaigns.CampaignCodes.IsWellFormed(code)
            ? null
            : await db.Campaigns.AsNoTracking().Include(c => c.PolicyVersions).SingleOrDefaultAsync(c => c.Code == code, cancellationToken);

    /// <summary>The campaign's current policy, compiled; null when it has none that compiles (nothing can be quoted).</summary>
    private static (CompiledPolicy Compiled, int Version)? Policy(Campaign campaign) =>
        campaign.CurrentPolicy() is { } version && PolicyLoader.Load(version.Document).Policy is { } compiled ? (compiled, version.Version) : null;
}

internal static class GovernmentServices
{
    public static IServiceCollection AddGovernmentPayments(this IServiceCollection services) => services.AddScoped<GovernmentCommands>();
}
