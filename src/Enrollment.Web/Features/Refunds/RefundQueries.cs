using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Transfers;

namespace Enrollment.Web.Features.Refunds;

/// <summary>
/// The refund list: a township clerk's (Operation.ConfirmPayments, their subtree) or the county's
/// (Operation.ManageRefunds, every township). Either operation reads it; only the county acts on it.
/// </summary>
public sealed class RefundQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    public async Task<GridPage<RefundRow>> PageAsync(RefundFilter filter, GridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var user = await RequireReaderAsync();
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await RefundList.PageAsync(db, user, filter, request.Skip, request.Size, cancellationToken);
    }

    /// <summary>The townships of the user's subtree in official order.</summary>
    public async Task<IReadOnlyList<TownshipChoice>> TownshipsAsync(CancellationToken cancellationToken = default)
    {
        await RequireReaderAsync();
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await SubtreeTownships.LoadAsync(db, cancellationToken);
    }

    private async Task<SignedInUser> RequireReaderAsync()
    {
        var user = await currentUser.GetAsync();
        return user is not null && (user.Can(Operation.ManageRefunds) || user.Can(Operation.ConfirmPayments))
            ? user
            : throw new OperationRefusedException(Operation.ManageRefunds);
    }
}
