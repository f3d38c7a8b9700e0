namespace Enrollment.Web.Features.ResidentLists;

/// <summary>Chinese labels of a person's standing in the campaign.</summary>
internal static class PersonText
{
    public static string Of(CampaignStanding standing) => standing switch
    {
        CampaignStanding.Registered => "已登记未缴费",
        CampaignStanding.Paid => "已缴费",
        CampaignStanding.Excluded => "不参保（已登记原因）",
        CampaignStanding.NotEnrolled => "未登记",
    };

    public static string Of(CampaignStanding? standing) => standing is { } s ? Of(s) : "—";

    /// <summary>An amount a background re-quote has not reached yet (not the amount due).</summary>
    public const string Requoting = "重算中";

    public static string Money(decimal? amount) => amount?.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
