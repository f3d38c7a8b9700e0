using System.Globalization;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Benchmarks;

/// <summary>
/// A realistic mix of residents for one campaign: ages spread over 0–95, about one in six certified in some
/// category (a few with dates), most paying inside the window, some late, some newborns.
/// </summary>
internal static class ResidentMix
{
    private static readonly BasisCode[] Common =
    [
        BasisCode.Dibao, BasisCode.Tekun, BasisCode.Poverty, BasisCode.SevereDisability, BasisCode.FamilyPlanning,
        BasisCode.Monitored, BasisCode.Entitled, BasisCode.Orphan, BasisCode.DibaoEdge, BasisCode.PovertySupported,
        BasisCode.PovertyExit2014To2015, BasisCode.PovertyAlleviated2016To2017, BasisCode.Wubao, BasisCode.Relapsed,
    ];

    public readonly record struct Row(string IdNumber, string Categories, EnrollmentHistory History, int Gap, DateOnly PaidOn);

    public static Row Next(Random random, CompiledPolicy policy)
    {
        var yearStart = policy.PolicyYearStart;
        var newborn = random.Next(100) == 0;
        var birth = newborn
            ? yearStart.AddDays(random.Next(0, 300))
            : yearStart.AddDays(-random.Next(1, 365 * 95));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"370481{birth:yyyyMMdd}{random.Next(0, 1000):D3}");
        var id = first17 + CitizenId.ComputeCheckCharacter(first17);

        var categories = "";
        if (random.Next(6) == 0)
        {
            var code = Common[random.Next(Common.Length)].ToCode();
            categories = random.Next(4) == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{code}@{yearStart.AddDays(-random.Next(0, 3000)):yyyy-MM-dd}")
                : code;
        }

        var history = random.Next(20) switch
        {
            0 => EnrollmentHistory.FirstTime,
            1 => EnrollmentHistory.Interrupted,
            _ => EnrollmentHistory.Continuing,
        };
        if (newborn)
        {
            history = EnrollmentHistory.FirstTime;
        }

        var gap = history == EnrollmentHistory.Interrupted ? random.Next(1, 4) : 0;
        var window = policy.Window;
        var windowFirst = window.FirstDayInclusive ?? window.LastDayInclusive.AddDays(-60);
        DateOnly paid;
        if (newborn)
        {
            paid = DateOnly.FromDayNumber(Math.Min(policy.PolicyYearLastDay.DayNumber, birth.DayNumber + random.Next(0, 120)));
        }
        else if (random.Next(10) == 0)
        {
            paid = window.LastDayInclusive.AddDays(1 + random.Next(0, Math.Max(1, policy.PolicyYearLastDay.DayNumber - window.LastDayInclusive.DayNumber)));
        }
        else
        {
            paid = DateOnly.FromDayNumber(random.Next(windowFirst.DayNumber, window.LastDayInclusive.DayNumber + 1));
        }

        return new Row(id, categories, history, gap, paid);
    }

    public static QuoteRequest ToRequest(Row row)
    {
        var set = default(CertifiedCategories);
        if (row.Categories.Length > 0)
        {
            var parts = row.Categories.Split('@');
            var code = BasisCodes.TryParse(parts[0], out var c) ? c : throw new InvalidOperationException(parts[0]);
            set = set.With(code, parts.Length > 1 ? DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
        }

        return new QuoteRequest(CitizenId.Parse(row.IdNumber), set, row.History, row.Gap, row.PaidOn);
    }
}
