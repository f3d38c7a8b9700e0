using System.Text.RegularExpressions;

namespace Enrollment.Domain.Residents;

/// <summary>
/// 姓名: the one shape a person's name may have, for the registration form and the register import alike — letters
/// of any script, combining marks, the separator dot of minority and foreign names (·), spaces, hyphens, apostrophes.
/// </summary>
public static partial class PersonName
{
    public static bool IsWellFormed(string name) => Shape().IsMatch(name);

    [GeneratedRegex(@"^[\p{L}\p{M}·•・'\- ]+$")]
    private static partial Regex Shape();
}
