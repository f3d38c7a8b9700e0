using Enrollment.Cli.Generate;
using Enrollment.Domain.Policies;

namespace Enrollment.Cli.Seed;

/// <summary>A campaign of the demo: its code, where it runs, its status on the demo's business date, its policy.</summary>
internal sealed record CampaignSeed(string Code, string? Township, string Status, string PolicyJson, bool IsDemoPolicy);

/// <summary>
/// The five campaigns of the seed documents (docs/rules.md §1.1), plus the accepted prior-year campaign (示例) of each
/// campaign a population pays into. Statuses are as of the demo's business date, 2024-11-20: tengzhou-2025 is
/// open, everything earlier accepted.
/// </summary>
internal static class DemoCampaigns
{
    public static readonly DateOnly BusinessDate = new(2024, 11, 20);

    /// <summary>
    /// When a demo campaign and its first policy version were set up: 1 September before its policy year (China
    /// time), and never after the start of the business date, so everything saved in the demo comes later.
    /// </summary>
    public static DateTimeOffset CreatedAt(int policyYear)
    {
        var chinaTime = TimeSpan.FromHours(8);
        var setUp = new DateTimeOffset(policyYear - 1, 9, 1, 9, 0, 0, chinaTime);
        var businessDay = new DateTimeOffset(BusinessDate.ToDateTime(TimeOnly.MinValue), chinaTime);
        return (setUp < businessDay ? setUp : businessDay).ToUniversalTime();
    }

    public static IReadOnlyList<CampaignSeed> For(string tenantCode) => tenantCode switch
    {
        "tengzhou" =>
        [
            Shipped("tengzhou-2020", null, "accepted"),
            Shipped("baogou-2022", "鲍沟镇", "accepted"),
            Prior("tengzhou-2025", null),
            Shipped("tengzhou-2025", null, "open"),
        ],
        "pubei" => [Prior("pubei-2020", null), Shipped("pubei-2020", null, "accepted")],
        "qufu" => [Prior("xiaoxue-2020", "小雪街道"), Shipped("xiaoxue-2020", "小雪街道", "accepted")],
        _ => [],
    };

    private static CampaignSeed Shipped(string code, string? township, string status) =>
        new(code, township, status, PolicyCatalog.GetJson(code)!, false);

    private static CampaignSeed Prior(string code, string? township) =>
        new(PriorYearPolicy.CodeFor(code), township, "accepted", PriorYearPolicy.Json(code), true);
}
