using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// Saves the targets typed on a quota page. The rows are read again in a context acting for the user, so a place
/// of another township or county is not among them and is not written; each change is recorded with who, why and
/// when by the app's clock, the same clock every other time on the pages comes from.
/// </summary>
public sealed class QuotaCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<QuotaSaveResult> SaveAsync(
        QuotaScope scope, IReadOnlyList<QuotaEdit> edits, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var user = await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await QuotaScopes.ResolveAsync(db, scope, cancellationToken) is not { } resolved)
        {
            return QuotaSaveResult.Missing;
        }
        var rows = await QuotaScopes.RowsAsync(db, resolved, cancellationToken);
        return await QuotaSave.SaveAsync(db, resolved.CampaignId, rows, edits, reason, user.Id, clock.GetUtcNow(), cancellationToken);
    }
}
