using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Refunds;
using Enrollment.Web.Features.Transfers;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>What the 缴款单 pages read: the list of sheets and one sheet with its people.</summary>
public sealed class HandoverQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    public async Task<GridPage<HandoverSheetRow>> PageAsync(HandoverFilter filter, GridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var user = await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await HandoverSheetList.PageAsync(db, user, filter, request, cancellationToken);
    }

    /// <summary>The sheet, or null when it does not exist or is not the user's to see (another collector's).</summary>
    public async Task<HandoverSheetView?> SheetAsync(HandoverSheetKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var user = await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await HandoverSheetRead.LoadAsync(db, user, key, cancellationToken);
    }

    /// <summary>The townships of the user's subtree in official order (the filter of the county's and a township's list).</summary>
    public async Task<IReadOnlyList<TownshipChoice>> TownshipsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RecordPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await SubtreeTownships.LoadAsync(db, cancellationToken);
    }
}
