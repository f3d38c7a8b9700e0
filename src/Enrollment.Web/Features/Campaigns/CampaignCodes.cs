using System.Text.RegularExpressions;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>
/// What a campaign code (from an address or a page's call) must look like before it is looked up: the campaigns
/// table's own rule (lower-case letters, digits, '-' and '_', starting with a letter or digit), at most 64 characters.
/// Anything else names no campaign and is answered as one not found — without sending text PostgreSQL cannot hold (a
/// NUL, a lone surrogate) to the database, where it would fail the request instead.
/// </summary>
internal static partial class CampaignCodes
{
    public static bool IsWellFormed(string? code) => code is { Length: > 0 and <= 64 } && Shape().IsMatch(code);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Shape();
}
