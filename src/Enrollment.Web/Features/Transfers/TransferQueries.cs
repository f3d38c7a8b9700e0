using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>A township to filter by, in official order.</summary>
public sealed record TownshipChoice(long Id, string Name);

/// <summary>What the transfer pages read: the lists, the townships to filter them by, and the pending counts.</summary>
public sealed class TransferQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    public async Task<GridPage<TransferRow>> PageAsync(
        TransferListKind kind, TransferFilter filter, GridRequest request, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.RequestTransfers);
        if (!Enum.IsDefined(kind))
        {
            // Not one of the page's lists (a tampered call): an empty one.
            return new GridPage<TransferRow>([], 0);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await TransferList.PageAsync(db, user, kind, filter, request, cancellationToken);
    }

    /// <summary>The county's townships in official order (a request's holding side may be any of them).</summary>
    public async Task<IReadOnlyList<TownshipChoice>> TownshipsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RequestTransfers);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Name)
            .Select(j => new TownshipChoice(j.Id, j.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Pending requests for the signed-in user (zero for roles that never see transfers).</summary>
    public async Task<PendingTransferCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        if (user is null || !user.Can(Operation.RequestTransfers))
        {
            return new PendingTransferCounts(0, 0);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await TransferCounter.CountAsync(db, user.Role, cancellationToken);
    }
}
