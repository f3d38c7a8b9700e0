using System.Text.RegularExpressions;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>
/// The shipped templates carry interpretation notes in English for the engineers who maintain them ("Interpretation
/// (docs/rules.md §5): …", often quoting a Chinese phrase). Users read Chinese only: such notes are kept in the
/// document and never shown. A note people add is Chinese and may contain a code (tengzhou-2025) or a number, but not
/// an English sentence.
/// </summary>
public static partial class PolicyNotes
{
    public static bool IsForMaintainers(string? text) => text is not null && EnglishWords().IsMatch(text);

    /// <summary>The notes a user reads, in order.</summary>
    public static IReadOnlyList<string> ForPeople(IEnumerable<string>? notes) =>
        [.. (notes ?? []).Where(n => !string.IsNullOrWhiteSpace(n) && !IsForMaintainers(n))];

    /// <summary>Three English words in a row: a sentence, not a code or a unit.</summary>
    [GeneratedRegex(@"\b[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}\b")]
    private static partial Regex EnglishWords();
}
