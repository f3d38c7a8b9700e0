using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>A request's village with its township's name and official order (for sorting the lists).</summary>
internal sealed record TransferPlace(string Township, int TownshipOrder, string Village, string Path);

internal static class TransferPlaces
{
    /// <summary>Village and township names of both ends (widened to the tenant for names only).</summary>
    public static async Task<Dictionary<long, TransferPlace>> LoadAsync(EnrollmentDbContext db, List<long> villageIds, CancellationToken cancellationToken)
    {
        var jurisdictions = db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction]);
        var villages = await jurisdictions.Where(j => villageIds.Contains(j.Id)).Select(j => new { j.Id, j.Name, j.Path }).ToListAsync(cancellationToken);
        var townships = await jurisdictions.Where(j => j.Level == JurisdictionLevel.Township)
            .Select(j => new { j.Name, j.Path, j.DisplayOrder }).ToListAsync(cancellationToken);
        return villages.ToDictionary(v => v.Id, v =>
        {
            var township = townships.FirstOrDefault(t => v.Path.StartsWith(t.Path, StringComparison.Ordinal));
            return new TransferPlace(township?.Name ?? "", township?.DisplayOrder ?? int.MaxValue, v.Name, v.Path);
        });
    }
}
