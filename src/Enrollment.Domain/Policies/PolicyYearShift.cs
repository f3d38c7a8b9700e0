using System.Globalization;
using System.Text.Json.Nodes;

namespace Enrollment.Domain.Policies;

/// <summary>
/// Moves every ISO date (yyyy-MM-dd) in a policy document's JSON by whole years: next year's draft from this
/// year's campaign, or last year's accepted campaign for the demo's history. 29 February lands on the 28th.
/// The policy year itself is a number and is left to the caller.
/// </summary>
public static class PolicyYearShift
{
    public static void ShiftDates(JsonNode node, int years)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    // A date the shift would carry past year 9999 (text that only looks like one, e.g. a code) stays as it is.
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && IsDate(text, out var date) && date.Year + years is >= 1 and <= 9999)
                    {
                        obj[key] = date.AddYears(years).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else if (value is not null)
                    {
                        ShiftDates(value, years);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        ShiftDates(item, years);
                    }
                }
                break;
            default:
                break;
        }
    }

    private static bool IsDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
