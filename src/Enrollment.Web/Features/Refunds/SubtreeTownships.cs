using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Refunds;

/// <summary>The townships of the user's subtree in official order: the filter of the payment lists.</summary>
internal static class SubtreeTownships
{
    public static async Task<IReadOnlyList<TownshipChoice>> LoadAsync(EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Name)
            .Select(j => new TownshipChoice(j.Id, j.Name)).ToListAsync(cancellationToken);
}
