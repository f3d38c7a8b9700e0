namespace Enrollment.Web.Features.Progress;

/// <summary>How the pages say when a shared progress figure was counted.</summary>
internal static class CountedAt
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string Text(DateTimeOffset at) =>
        $"（{at.ToOffset(ChinaStandardTime):HH:mm} 统计，每分钟更新）";
}
