using Enrollment.Domain.Residents;
using Enrollment.Web.Components.Forms;
using DomainCitizenId = Enrollment.Domain.Residents.CitizenId;

namespace Enrollment.Web.Features.Search;

/// <summary>What the search box was given, recognised from its shape.</summary>
public enum SearchKind
{
    /// <summary>An 18-digit ID number (a 15-digit legacy one upgraded to 18): one person, exact.</summary>
    CitizenId,
    /// <summary>Chinese characters (or letters of a minority or foreign name): a name or its first characters.</summary>
    NamePrefix,
    /// <summary>A phone number in its normal form, or a household number (户号) — digits can be either, so both are tried.</summary>
    PhoneOrHousehold,
    /// <summary>Letters and digits that are neither an ID nor a phone: a household number, exact.</summary>
    Household,
}

/// <summary>
/// The search text read and recognised: which kind, and the values to look for (an ID in its 18-digit form, a
/// phone in <see cref="PhoneNumber"/>'s normal form, a household number as typed and in capitals).
/// </summary>
public sealed record SearchTerm(SearchKind Kind, string Text, string? CitizenId = null, string? Phone = null, IReadOnlyList<string>? HouseholdNumbers = null)
{
    /// <summary>Long enough for any ID, phone or name; longer text is refused, not cut.</summary>
    public const int MaxLength = 40;

    /// <summary>The term, or a Chinese sentence saying why the text cannot be searched for.</summary>
    public static (SearchTerm? Term, string? Problem) Read(string? text)
    {
        var read = TextInput.Read(text, "查找内容", MaxLength);
        if (!read.IsOk)
        {
            return (null, read.Problem);
        }
        if (read.Value is not { } value)
        {
            return (null, "请输入身份证号码、姓名、户号或电话号码。");
        }
        // An ID number: the parser upgrades a 15-digit one and accepts a lower-case x.
        if (LooksLikeCitizenId(value))
        {
            return DomainCitizenId.TryParse(value, out var id, out var error)
                ? (new SearchTerm(SearchKind.CitizenId, value, CitizenId: id.ToString()), null)
                : (null, error.ToChinese());
        }
        if (value.Any(IsNameLetter))
        {
            return TextInput.Name(value, "姓名", MaxLength) is { IsOk: true, Value: { } name }
                ? (new SearchTerm(SearchKind.NamePrefix, name), null)
                : (null, "姓名只能由文字组成；按身份证号码、户号或电话查找时请只输入数字和字母。");
        }
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ' or '+'))
        {
            return (null, "无法识别要查找的内容：请输入身份证号码、姓名、户号或电话号码。");
        }
        string[] households = [.. new[] { value, value.ToUpperInvariant() }.Distinct(StringComparer.Ordinal)];
        return PhoneNumber.TryNormalize(value, out var phone, out _) && phone is not null
            ? (new SearchTerm(SearchKind.PhoneOrHousehold, value, Phone: phone, HouseholdNumbers: households), null)
            : (new SearchTerm(SearchKind.Household, value, HouseholdNumbers: households), null);
    }

    /// <summary>
    /// Fifteen digits or more (the last may be an x): no phone or household number is that long, so a wrong length
    /// is an ID number mistyped, and the parser says how.
    /// </summary>
    private static bool LooksLikeCitizenId(string value) =>
        value.Length >= 15
        && value.AsSpan(0, value.Length - 1).IndexOfAnyExceptInRange('0', '9') < 0
        && (char.IsAsciiDigit(value[^1]) || value[^1] is 'x' or 'X');

    /// <summary>A letter that is not ASCII: Chinese characters, or the letters of a minority name.</summary>
    private static bool IsNameLetter(char c) => !char.IsAscii(c) && (char.IsLetter(c) || c == '·');
}
