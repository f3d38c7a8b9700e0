namespace Enrollment.Data.Registry;

/// <summary>
/// What a user is told about a number registered in this county outside where they are registering it: the
/// township only (to coordinate a transfer), and to a village collector not even that. The registration check and
/// the population import say it alike.
/// </summary>
public static class RegisteredElsewhereText
{
    /// <param name="townshipName">The township's name, or null when the user may not learn it (a village collector).</param>
    /// <param name="ownTownship">The resident lives in another village of the user's own township.</param>
    public static string Message(string? townshipName, bool ownTownship) =>
        ownTownship ? "该身份证号码已在本镇其他村（社区）登记。"
        : townshipName is { } township ? $"该身份证号码已在本县{township}登记。"
        : "该身份证号码已在本县其他镇（街道）登记。";
}
